using System;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// Where and when <c>Fit</c> saves checkpoints (atomically: a crash never leaves a half-written file). Set it as
/// <see cref="FitOptions.Checkpoints"/> or add it to <see cref="FitOptions.Callbacks"/>; a checkpoint it writes holds
/// the history, so <see cref="FitOptions.ResumeFrom"/> can continue from it.
/// </summary>
/// <param name="Directory">The folder: <c>last.ckpt</c> every <see cref="Every"/> epochs, <c>best.ckpt</c> when <see cref="KeepBest"/> improves.</param>
public sealed record CheckpointOptions(string Directory) : IRootOnlyCallback
{
    /// <summary>Save <c>last.ckpt</c> every this many epochs (and after the last one; default 1).</summary>
    public int Every { get; init; } = 1;

    /// <summary>When set, also keep <c>best.ckpt</c>: the epoch with the best value of this monitor.</summary>
    public FitMonitor? KeepBest { get; init; }

    /// <summary>The path of the latest checkpoint.</summary>
    public string Last => System.IO.Path.Combine(Directory, "last.ckpt");

    /// <summary>The path of the best checkpoint.</summary>
    public string Best => System.IO.Path.Combine(Directory, "best.ckpt");

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Directory);
        if (Every < 1)
            throw new ArgumentOutOfRangeException(nameof(Every), Every, "Every must be at least 1 epoch.");
    }

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        Validate();
        KeepBest?.Validate(fit.Tasks, fit.HasValidation, "Checkpoints.KeepBest");
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
    {
        var history = fit.History;
        string? json = null;
        string State() => json ??= TrainingState.Serialize(history);
        if (epoch.Epoch % Every == 0 || epoch.Epoch == fit.Epochs)
            Checkpoint.Save(Last, fit.Module, fit.Optimizer, epoch.Epoch, State());
        if (KeepBest is not { } monitor || monitor.Read(epoch) is not double value)
            return;
        var earlier = history.Take(history.Count - 1).Select(monitor.Read).OfType<double>().ToList();
        if (earlier.Count > 0 && !monitor.Improves(value, monitor.HigherIsBetter ? earlier.Max() : earlier.Min()))
            return;
        Checkpoint.Save(Best, fit.Module, fit.Optimizer, epoch.Epoch, State());
        // With early stopping, its own monitor names the best epoch.
        if (!fit.Callbacks.OfType<EarlyStopping>().Any())
            history.BestEpoch = epoch.Epoch;
    }
}
