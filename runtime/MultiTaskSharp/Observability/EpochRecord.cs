using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>One epoch of a fit: mean training losses and, when validated, per-task metrics.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Train">The epoch's training losses: each the mean over the examples (or present target entries) it covered.</param>
/// <param name="Validation">Per-task loss and metrics on the validation source, or null when not evaluated this epoch.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
public sealed record EpochRecord<TLossValues, TMetrics>(int Epoch, TLossValues Train, TMetrics? Validation, TimeSpan Elapsed)
    where TMetrics : class
{
    /// <summary>Batches skipped because they failed the checks (<see cref="TrainStepOptions.SkipInvalidBatches"/>).</summary>
    public int SkippedBatches { get; init; }

    /// <summary>The optimizer's learning rate at the end of the epoch (its first parameter group's).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The weights the strategy applied at the end of the epoch, one per task.</summary>
    public IReadOnlyList<double>? LossWeights { get; init; }

    /// <summary>How the tasks related during the epoch (with <see cref="FitOptions.Relationships"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TaskRelationships? Relationships { get; init; }
}
