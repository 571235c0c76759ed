namespace MultiTaskSharp;

/// <summary>Options of a single training step.</summary>
public sealed record TrainStepOptions
{
    /// <summary>When set, gradients are rescaled so their global L2 norm is at most this value.</summary>
    public double? MaxGradNorm { get; init; }
}
