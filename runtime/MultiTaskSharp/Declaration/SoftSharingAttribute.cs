using System;

namespace MultiTaskSharp;

/// <summary>
/// Soft parameter sharing: every task keeps its own tower, and a regulariser ties the towers' corresponding
/// parameters. The penalty, times <see cref="Weight"/>, is a term of its own in the generated <c>Losses</c> and
/// <c>LossValues</c> (named <see cref="Name"/>), is included in the total and is reported every epoch. The tied towers
/// must have identical structure (checked at compile time).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class SoftSharingAttribute : Attribute
{
    /// <param name="weight">λ, the weight of the penalty in the total loss: a finite, non-negative constant.</param>
    public SoftSharingAttribute(double weight) => Weight = weight;

    /// <summary>λ, the weight of the penalty in the total loss.</summary>
    public double Weight { get; }

    /// <summary>The penalty (default: squared L2 distance).</summary>
    public SharingPenalty Penalty { get; set; } = SharingPenalty.SquaredL2;

    /// <summary>The name of the term in the generated records (default <c>SoftSharing</c>); it must be a C# identifier.</summary>
    public string? Name { get; set; }

    /// <summary>The tasks whose towers are tied (default: every task that has a tower).</summary>
    public string[]? Tasks { get; set; }
}
