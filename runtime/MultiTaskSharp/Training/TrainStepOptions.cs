namespace MultiTaskSharp;

/// <summary>Options of a single training step.</summary>
public sealed record TrainStepOptions
{
    /// <summary>When set, gradients are rescaled so their global L2 norm is at most this value.</summary>
    public double? MaxGradNorm { get; init; }

    /// <summary>
    /// Check, before the optimizer touches the parameters, that the inputs are finite, the class labels in range and
    /// every task loss finite (default true). The check is one small copy from the device per step; turn it off to
    /// train with no host synchronisation at all.
    /// </summary>
    public bool CheckFinite { get; init; } = true;

    /// <summary>
    /// What a failed check does: throw a <see cref="TaskDataException"/> (default) or skip the batch, leaving the
    /// parameters and the strategy untouched (<c>Fit</c> counts skipped batches).
    /// </summary>
    public bool SkipInvalidBatches { get; init; }

    /// <summary>The epoch the step belongs to (from 1), for error messages and epoch-aware strategies; 0 when unknown.</summary>
    public int Epoch { get; init; }

    /// <summary>The index of the batch in its epoch (from 1), for error messages; 0 when unknown.</summary>
    public int Batch { get; init; }

    /// <summary>Measure task relationships on this step (see <see cref="RelationshipOptions"/>); null: don't.</summary>
    public RelationshipOptions? MeasureRelationships { get; init; }
}
