using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>Options of <see cref="Trainer.Fit{TBatch, TLossValues, TMetrics}"/>.</summary>
/// <remarks>
/// <see cref="Scheduler"/>, <see cref="EarlyStopping"/>, <see cref="Checkpoints"/>, <see cref="TensorBoard"/> and
/// <see cref="Logger"/> are shorthands for callbacks; <see cref="Callbacks"/> adds any others, after them.
/// </remarks>
public sealed record FitOptions
{
    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Options applied to every step (gradient clipping, checks).</summary>
    public TrainStepOptions? Step { get; init; }

    /// <summary>Evaluate on the validation source every this many epochs (and after the last).</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>
    /// For <c>Fit</c>'s <c>progress</c> reports: read the running training loss from the device every this many steps
    /// (and on each epoch's first and last). Null (the default): by time, at most every half second
    /// (<see cref="ProgressCallback.RefreshInterval"/>), so a short epoch still shows its latest loss. Losses accumulate
    /// on the device in between, so steps do not wait for the device to finish.
    /// </summary>
    public int? ReportEvery { get; init; }

    /// <summary>
    /// A learning-rate scheduler of the optimizer (TorchSharp's <c>torch.optim.lr_scheduler</c>), stepped once at the
    /// end of every epoch; with <see cref="SchedulerMonitor"/> it is given that value (ReduceLROnPlateau). Shorthand for
    /// a <see cref="SchedulerCallback"/>.
    /// </summary>
    public torch.optim.lr_scheduler.LRScheduler? Scheduler { get; init; }

    /// <summary>The value a plateau scheduler watches (requires validation when it reads validation metrics).</summary>
    public FitMonitor? SchedulerMonitor { get; init; }

    /// <summary>Stop when a monitored value stops improving (a callback; it may also go in <see cref="Callbacks"/>).</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Save checkpoints every few epochs and keep the best one, atomically (a callback; it may also go in <see cref="Callbacks"/>).</summary>
    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>
    /// Resume from a checkpoint <c>Fit</c> saved (<see cref="CheckpointOptions"/>): model, optimizer, weighting strategy,
    /// random generator, history and scheduler continue from its epoch up to <see cref="Epochs"/>.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Record how the tasks relate every epoch (gradient conflicts, lookahead affinity; opt-in, it costs extra passes).</summary>
    public RelationshipOptions? Relationships { get; init; }

    /// <summary>Write every epoch's losses, metrics, learning rate and loss weights as TensorBoard scalars (a callback).</summary>
    public TensorBoardLogger? TensorBoard { get; init; }

    /// <summary>
    /// Train on several processes at once (data parallelism), each reading its share of every batch: with
    /// <c>DataParallel = MpiDataParallel.FromEnvironment()</c> (package <c>MultiTaskSharp.Distributed</c>), a program
    /// launched by <c>mpirun -np N</c> trains one model on N processes and makes the same updates as one process
    /// (the batch size of the sources is the global one); launched alone it is null and nothing changes. Process 0
    /// alone writes checkpoints and TensorBoard logs and reports progress and epochs. See docs/distributed.md.
    /// </summary>
    public ProcessGroup? DataParallel { get; init; }

    /// <summary>
    /// Where the fit logs: an epoch summary at Information (a <see cref="LoggingCallback"/>), and the logger every
    /// callback sees as <see cref="FitContext{TLossValues, TMetrics}.Logger"/>. Null: no logging.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>Further callbacks, called in this order after the ones the properties above create.</summary>
    public IReadOnlyList<IFitCallback> Callbacks { get; init; } = [];

    internal void Validate()
    {
        EarlyStopping?.Validate();
        Relationships?.Validate();
        Checkpoints?.Validate();
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Fit needs at least one epoch.");
        if (ValidateEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ValidateEvery), ValidateEvery, "ValidateEvery must be at least 1.");
        if (DataParallel is { Size: > 1 } && Relationships is not null)
            throw new NotSupportedException("Measuring task relationships (FitOptions.Relationships) is not supported in data-parallel training yet; leave it unset when DataParallel is set.");
        if (ReportEvery is < 1)
            throw new ArgumentOutOfRangeException(nameof(ReportEvery), ReportEvery, "ReportEvery must be at least 1.");
        if (SchedulerMonitor is not null && Scheduler is null)
            throw new ArgumentException("SchedulerMonitor is set but Scheduler is not: set the scheduler it feeds.", nameof(SchedulerMonitor));
        ArgumentNullException.ThrowIfNull(Callbacks);
        for (int i = 0; i < Callbacks.Count; i++)
        {
            if (Callbacks[i] is null)
                throw new ArgumentException($"Callbacks[{i}] is null.", nameof(Callbacks));
        }
    }

    /// <summary>The callbacks of a fit: the properties' own first, in a fixed order, then <see cref="Callbacks"/>.</summary>
    internal List<IFitCallback> AllCallbacks()
    {
        var all = new List<IFitCallback>();
        if (Scheduler is not null)
            all.Add(new SchedulerCallback(Scheduler, SchedulerMonitor));
        if (TensorBoard is not null)
            all.Add(TensorBoard);
        if (EarlyStopping is not null)
            all.Add(EarlyStopping);
        if (Checkpoints is not null)
            all.Add(Checkpoints);
        if (Logger is not null)
            all.Add(new LoggingCallback(Logger));
        all.AddRange(Callbacks);
        return all;
    }
}
