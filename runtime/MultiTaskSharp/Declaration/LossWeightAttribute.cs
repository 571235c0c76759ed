using System;

namespace MultiTaskSharp;

/// <summary>
/// The fixed weight λ of a task's loss in the total <c>L = Σ λ_t L_t</c> (default 1).
/// A weighting strategy other than fixed weights receives these values as its starting point.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class LossWeightAttribute : Attribute
{
    /// <param name="weight">A finite, non-negative constant.</param>
    public LossWeightAttribute(double weight) => Weight = weight;

    /// <summary>The weight λ.</summary>
    public double Weight { get; }
}
