using System;

namespace MultiTaskSharp;

/// <summary>
/// Cross-stitch networks (Misra et al., CVPR 2016): every task has a tower (a column) of identical structure, a
/// <c>Sequential</c> whose top-level elements are the column's stages. After each stage but the last, a learnable
/// T×T cross-stitch unit mixes the T columns' activations: column i continues with <c>Σ_j α_ij x_j</c>. Group layers
/// into nested <c>Sequential</c>s to choose where the units sit.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class CrossStitchAttribute : Attribute
{
    /// <summary>
    /// The initial weight α_ii of a column on itself (default 0.9, as in the paper); the rest, 1 − α_ii, is split
    /// evenly over the other columns, so every unit starts close to the identity with rows summing to 1.
    /// </summary>
    public double SelfWeight { get; set; } = 0.9;
}
