using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Steps a learning-rate scheduler of the optimizer (TorchSharp's <c>torch.optim.lr_scheduler</c>) once at the end of
/// every epoch; with a monitor it is given that value (ReduceLROnPlateau), and epochs without it (not validated) do not
/// step it. <see cref="FitOptions.Scheduler"/> and <see cref="FitOptions.SchedulerMonitor"/> create one.
/// </summary>
/// <remarks>
/// After resuming from a checkpoint the scheduler is replayed over the saved epochs before training goes on, so a
/// resumed run follows the same schedule as one that never stopped.
/// </remarks>
public sealed class SchedulerCallback : IFitCallback
{
    /// <param name="scheduler">A scheduler built on the optimizer given to <c>Fit</c>.</param>
    /// <param name="monitor">The value a plateau scheduler watches, or null to step without one.</param>
    public SchedulerCallback(torch.optim.lr_scheduler.LRScheduler scheduler, FitMonitor? monitor = null)
    {
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Monitor = monitor;
    }

    /// <summary>The scheduler.</summary>
    public torch.optim.lr_scheduler.LRScheduler Scheduler { get; }

    /// <summary>The value it is given, or null.</summary>
    public FitMonitor? Monitor { get; }

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        Monitor?.Validate(fit.Tasks, fit.HasValidation, "The scheduler");
        foreach (var epoch in fit.History)
            Step(epoch);
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
        => Step(epoch);

    private void Step<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> epoch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        if (Monitor is null)
            Scheduler.step();
        else if (Monitor.Read(epoch) is double value)
            Scheduler.step(value);
    }
}
