using System;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>Which target entries are present: the target's own missing markers combined with the caller's optional mask.</summary>
/// <remarks>
/// Masks are built and combined with comparisons and bitwise operations (<c>x == x</c> for "not NaN",
/// <c>bitwise_not</c>, <c>bitwise_and</c> on Bool) rather than <c>isnan</c>/<c>logical_*</c>: the results are the
/// same, and these operators have meta kernels, which lets a test run the metrics on data-less meta tensors
/// to prove that updating never reads a value back. The statistics classes follow the same rule.
/// </remarks>
internal static class PresentMask
{
    /// <summary>
    /// Present entries of a float target: those that are not NaN (NaN marks a missing value; NaN ≠ NaN), further
    /// restricted by <paramref name="present"/>. The result has the target's shape.
    /// </summary>
    public static Tensor NotNaN(string task, Tensor target, Tensor? present)
        => Restrict(task, target.is_floating_point() ? target.eq(target) : Everywhere(target), target, present);

    /// <summary>
    /// Present entries of a class-index target: non-negative indices (-1, or libtorch's ignore index -100,
    /// mark a missing label) that are not NaN when the target is float, further restricted by <paramref name="present"/>.
    /// </summary>
    public static Tensor NonNegativeClass(string task, Tensor target, Tensor? present)
    {
        // NaN compares false, so ge(0) leaves NaN entries out as well.
        var natural = target.dtype == ScalarType.Bool ? Everywhere(target) : target.ge(0);
        return Restrict(task, natural, target, present);
    }

    /// <summary>Every entry of <paramref name="target"/> present (for targets that have no missing marker).</summary>
    public static Tensor Everywhere(Tensor target) => ones_like(target, ScalarType.Bool);

    private static Tensor Restrict(string task, Tensor natural, Tensor target, Tensor? present)
    {
        if (present is null)
            return natural;
        if (present.dtype != ScalarType.Bool)
            throw new TaskDataException(task, "present", $"the present mask must be a Bool tensor (false = missing) but is {present.dtype}.");
        if (!BroadcastsTo(present.shape, target.shape))
            throw new TaskDataException(task, "present", $"the present mask of shape {Shapes.Format(present)} does not broadcast to the target's shape {Shapes.Format(target)}.");
        return natural.bitwise_and(present.to(natural.device));
    }

    /// <summary>NumPy broadcasting of <paramref name="from"/> to exactly <paramref name="to"/> (trailing dimensions aligned).</summary>
    private static bool BroadcastsTo(ReadOnlySpan<long> from, ReadOnlySpan<long> to)
    {
        if (from.Length > to.Length)
            return false;
        for (int i = 1; i <= from.Length; i++)
        {
            long size = from[^i];
            if (size != 1 && size != to[^i])
                return false;
        }
        return true;
    }
}
