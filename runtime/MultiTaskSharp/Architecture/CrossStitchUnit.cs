using System;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// A cross-stitch unit (Misra et al., CVPR 2016): a learnable T×T matrix α that mixes the activations of T task columns,
/// column i continuing with <c>Σ_j α_ij x_j</c>. It starts near the identity: <c>α_ii</c> = the self weight, the rest
/// split evenly over the other columns, so each row sums to 1. Registered parameter: <c>alpha</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CrossStitchUnit : nn.Module<Tensor[], Tensor[]>
{
    /// <summary>Creates a unit mixing <paramref name="columns"/> columns, each starting with <paramref name="selfWeight"/> on itself.</summary>
    public CrossStitchUnit(int columns, double selfWeight) : base(nameof(CrossStitchUnit))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 2);
        if (!(selfWeight > 0 && selfWeight <= 1))
            throw new ArgumentOutOfRangeException(nameof(selfWeight), selfWeight, "The self weight must be in (0, 1].");
        double other = (1 - selfWeight) / (columns - 1);
        using var scope = NewDisposeScope();
        var initial = full(columns, columns, other, dtype: float32) + eye(columns, dtype: float32) * (selfWeight - other);
        alpha = nn.Parameter(initial.MoveToOuterDisposeScope());
        register_parameter("alpha", alpha);
    }

    // Named as registered: TorchSharp's to() rebinds a moved parameter to the field of the same name.
    private Parameter alpha;

    /// <summary>The mixing matrix: row i holds column i's weights on every column.</summary>
    public Parameter Alpha => alpha;

    /// <summary>Mixes one activation per column (all of one shape) into one per column.</summary>
    public override Tensor[] forward(Tensor[] columns)
    {
        if (columns.Length != alpha.shape[0])
            throw new ArgumentException($"The unit mixes {alpha.shape[0]} columns but received {columns.Length}.", nameof(columns));
        var stacked = stack(columns, 0);                               // [T, N, …]
        var mixed = tensordot(alpha, stacked, [1], [0]);               // [T, N, …]
        return mixed.unbind(0);
    }
}
