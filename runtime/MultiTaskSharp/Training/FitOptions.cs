using System;

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

    internal void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Fit needs at least one epoch.");
        if (ValidateEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ValidateEvery), ValidateEvery, "ValidateEvery must be at least 1.");
        if (ReportEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(ReportEvery), ReportEvery, "ReportEvery must be at least 1.");
    }
}
