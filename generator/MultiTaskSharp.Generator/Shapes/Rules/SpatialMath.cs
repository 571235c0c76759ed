using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>
/// libtorch's output-size formulas for sliding windows, on checked, bounded arguments. Every
/// function is total: arguments out of range make the caller's answer "unknown", never an exception.
/// </summary>
internal static class SpatialMath
{
    /// <summary>Arguments above this are not real layer settings; bounding them keeps the arithmetic far from overflow.</summary>
    public const long Limit = 1L << 31;

    /// <summary>How an example of a layer with <paramref name="spatial"/> dimensions is laid out, for messages.</summary>
    public static string Layout(int spatial) => spatial switch
    {
        1 => "[C, L]",
        2 => "[C, H, W]",
        3 => "[C, D, H, W]",
        _ => "[C, ...]",
    };

    public static bool AllInRange(IEnumerable<long> values, long min) => values.All(v => v >= min && v <= Limit);

    public static bool InRange(long value, long min) => value >= min && value <= Limit;

    /// <summary>Division rounding toward negative infinity, as libtorch's <c>div_rtn</c>.</summary>
    public static long FloorDiv(long numerator, long denominator)
    {
        long quotient = numerator / denominator;
        return (numerator % denominator != 0) && ((numerator < 0) != (denominator < 0)) ? quotient - 1 : quotient;
    }

    /// <summary>
    /// Output size of a convolution over <paramref name="size"/>; false when the size is unknown.
    /// A result below 1 means the dilated kernel does not fit the padded input (a runtime error).
    /// </summary>
    public static bool TryConvolution(long size, long kernel, long stride, long padding, long dilation, out long output)
    {
        output = TensorShape.UnknownDim;
        if (!InRange(size, 1))
            return false;
        long effectiveKernel = dilation * (kernel - 1) + 1;
        output = FloorDiv(size + 2 * padding - effectiveKernel, stride) + 1;
        return true;
    }

    /// <summary>Output size of a transposed convolution; false when the size is unknown.</summary>
    public static bool TryTransposedConvolution(long size, long kernel, long stride, long padding, long outputPadding, long dilation, out long output)
    {
        output = TensorShape.UnknownDim;
        if (!InRange(size, 1))
            return false;
        output = (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
        return true;
    }

    /// <summary>
    /// Output size of max or average pooling (libtorch's <c>pooling_output_shape</c>, with its
    /// ceil-mode rule that the last window must start inside the input or the left padding).
    /// False when the size is unknown; a result below 1 is libtorch's "output size is too small".
    /// </summary>
    public static bool TryPooling(long size, long kernel, long stride, long padding, long dilation, bool ceilMode, out long output)
    {
        output = TensorShape.UnknownDim;
        if (!InRange(size, 1))
            return false;
        long numerator = size + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        output = FloorDiv(numerator, stride) + 1;
        if (ceilMode && (output - 1) * stride >= size + padding)
            output--;
        return true;
    }
}
