using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>What a <see cref="IFitCallback"/> sees of a running fit, and how it stops it.</summary>
public sealed class FitContext<TLossValues, TMetrics>
    where TLossValues : ILossValues<TLossValues>
    where TMetrics : class, ITaskMetricsSet
{
    private Func<double>? _runningLoss;
    private double? _runningLossThisStep;

    internal FitContext(
        torch.nn.Module module, torch.optim.Optimizer optimizer, LossWeighting weighting, FitOptions options, bool hasValidation,
        int? batchCount, IReadOnlyList<IFitCallback> callbacks, CancellationToken cancellationToken)
    {
        Module = module;
        Optimizer = optimizer;
        Weighting = weighting;
        Options = options;
        HasValidation = hasValidation;
        BatchCount = batchCount;
        Callbacks = callbacks;
        Logger = options.Logger ?? NullLogger.Instance;
        CancellationToken = cancellationToken;
    }

    /// <summary>The model being trained, as a module (parameters, state, training mode).</summary>
    public torch.nn.Module Module { get; }

    /// <summary>The optimizer <c>Fit</c> steps.</summary>
    public torch.optim.Optimizer Optimizer { get; }

    /// <summary>The model's loss weighting strategy.</summary>
    public LossWeighting Weighting { get; }

    /// <summary>The options of this fit.</summary>
    public FitOptions Options { get; }

    /// <summary>The task names, in declaration order.</summary>
    public IReadOnlyList<string> Tasks => TLossValues.TaskNames;

    /// <summary>The last epoch the fit runs to (<see cref="FitOptions.Epochs"/>).</summary>
    public int Epochs => Options.Epochs;

    /// <summary>The current epoch, from 1 (during <see cref="IFitCallback.OnTrainBegin"/>: the last resumed epoch, or 0).</summary>
    public int Epoch { get; internal set; }

    /// <summary>The batches per epoch, when the training source knows.</summary>
    public int? BatchCount { get; }

    /// <summary>Whether <c>Fit</c> was given a validation source.</summary>
    public bool HasValidation { get; }

    /// <summary>
    /// Whether this process writes the fit's files and reports: always in one process; in data-parallel training
    /// (<see cref="FitOptions.DataParallel"/>) only process 0. A callback that writes or prints checks it.
    /// </summary>
    public bool IsRoot => Options.DataParallel is not { Size: > 1 } group || group.IsRoot;

    /// <summary>The epochs so far (after resuming, starting with the checkpoint's).</summary>
    public TrainingHistory<TLossValues, TMetrics> History { get; } = new();

    /// <summary>Every callback of this fit, in calling order.</summary>
    public IReadOnlyList<IFitCallback> Callbacks { get; }

    /// <summary>Where callbacks log: <see cref="FitOptions.Logger"/>, or a logger that discards everything.</summary>
    public ILogger Logger { get; }

    /// <summary>The fit's cancellation token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Why a callback stopped training, or null while it runs on.</summary>
    public string? StopReason { get; private set; }

    /// <summary>
    /// Ends training after the current epoch (it is completed, validated and recorded as usual);
    /// <see cref="TrainingHistory{TLossValues, TMetrics}.StoppedEarly"/> is then true and the reason is kept in
    /// <see cref="TrainingHistory{TLossValues, TMetrics}.StopReason"/>. The first reason given wins.
    /// </summary>
    public void StopTraining(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        StopReason ??= reason;
    }

    /// <summary>
    /// The current epoch's mean total training loss so far. Losses accumulate on the device; this reads them (one small
    /// device-to-host copy), at most once per step however many callbacks ask. Outside a training epoch: NaN.
    /// </summary>
    public double ReadRunningLoss()
    {
        if (_runningLoss is null)
            return double.NaN;
        return _runningLossThisStep ??= _runningLoss();
    }

    /// <summary>Called by the trainer after every step: the running loss may have changed.</summary>
    internal void SetRunningLoss(Func<double>? read)
    {
        _runningLoss = read;
        _runningLossThisStep = null;
    }
}
