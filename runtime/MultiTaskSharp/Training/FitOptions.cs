using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>Options of <see cref="Trainer.Fit{TBatch, TLossValues, TMetrics}"/>.</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Options applied to every step (gradient clipping, checks).</summary>
    public TrainStepOptions? Step { get; init; }

    /// <summary>Evaluate on the validation source every this many epochs (and after the last).</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>
    /// Read the running training loss from the device every this many steps, for progress reports (default 20). Losses
    /// accumulate on the device in between, so steps do not wait for the device to finish.
    /// </summary>
    public int ReportEvery { get; init; } = 20;

    /// <summary>
    /// A learning-rate scheduler of the optimizer (TorchSharp's <c>torch.optim.lr_scheduler</c>), stepped once at the
    /// end of every epoch; with <see cref="SchedulerMonitor"/> it is given that value (ReduceLROnPlateau).
    /// </summary>
    public torch.optim.lr_scheduler.LRScheduler? Scheduler { get; init; }

    /// <summary>The value a plateau scheduler watches (requires validation when it reads validation metrics).</summary>
    public Monitor? SchedulerMonitor { get; init; }

    /// <summary>Stop when a monitored value stops improving.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Save checkpoints every few epochs and keep the best one (atomically).</summary>
    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>
    /// Resume from a checkpoint <c>Fit</c> saved (<see cref="CheckpointOptions"/>): model, optimizer, weighting strategy,
    /// random generator, history and scheduler continue from its epoch up to <see cref="Epochs"/>.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Record how the tasks relate every epoch (gradient conflicts, lookahead affinity; opt-in, it costs extra passes).</summary>
    public RelationshipOptions? Relationships { get; init; }

    /// <summary>Write every epoch's losses, metrics, learning rate and loss weights as TensorBoard scalars.</summary>
    public TensorBoardLogger? TensorBoard { get; init; }

    /// <summary>
    /// Train on several processes at once (data parallelism), each reading its share of every batch: with
    /// <c>DataParallel = MpiDataParallel.FromEnvironment()</c> (package <c>MultiTaskSharp.Distributed</c>), a program
    /// launched by <c>mpirun -np N</c> trains one model on N processes and makes the same updates as one process
    /// (the batch size of the sources is the global one); launched alone it is null and nothing changes. Process 0
    /// alone writes checkpoints and TensorBoard logs and reports progress and epochs. See docs/distributed.md.
    /// </summary>
    public ProcessGroup? DataParallel { get; init; }

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
        if (ReportEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ReportEvery), ReportEvery, "ReportEvery must be at least 1.");
    }
}
