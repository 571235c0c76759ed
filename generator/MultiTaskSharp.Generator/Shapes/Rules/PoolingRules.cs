using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>MaxPool/AvgPool 1d–3d and AdaptiveAvgPool/AdaptiveMaxPool 1d–3d: they change the last n dimensions only.</summary>
internal static class PoolingRules
{
    /// <summary>
    /// <c>MaxPool{n}d(kernel_size, stride = kernel, padding = 0, dilation = 1, ceil_mode)</c> and
    /// <c>AvgPool{n}d(kernel_size, stride = kernel, padding = 0, ceil_mode, ...)</c> (no dilation).
    /// </summary>
    public static LayerResult Pooling(LayerCall call, TensorShape input, int spatial, bool hasDilation)
    {
        var stride = call["stride"];
        if (!call["kernel_size"].TryIntegers(spatial, out var kernel, expandSingleElement: true) || !SpatialMath.AllInRange(kernel, 1)
            || !TryWindow(stride.Kind == ArgKind.Null ? call["kernel_size"] : stride, spatial, 0, out var strides) || !SpatialMath.AllInRange(strides, 1)
            || !TryWindow(call["padding"], spatial, 0, out var padding) || !SpatialMath.AllInRange(padding, 0)
            || !TryWindow(hasDilation ? call["dilation"] : ArgValue.Null, spatial, 1, out var dilation) || !SpatialMath.AllInRange(dilation, 1)
            || !call["ceil_mode"].TryBoolean(out bool ceilMode))
            return LayerResult.Unknown;
        // libtorch rejects padding over half the kernel before it computes any shape.
        if (Enumerable.Range(0, spatial).Any(i => padding[i] > kernel[i] / 2))
            return LayerResult.Unknown;

        var rankProblem = ExpectSpatialRank(call, input, spatial);
        if (rankProblem is not null)
            return new LayerResult(TensorShape.Unknown, rankProblem);

        var output = new long[spatial];
        int first = input.Rank - spatial;
        // avg_pool3d alone also checks the unpadded input against the kernel ("input image smaller than kernel size").
        if (call.Name == "AvgPool3d" && Enumerable.Range(0, spatial).Any(i => input[first + i] != TensorShape.UnknownDim && input[first + i] < kernel[i]))
            return LayerResult.Mismatch(
                $"AvgPool3d window {TensorShape.Format(kernel)} is larger than its input {TensorShape.Format(input.Dims.Skip(first))}",
                call.LocationOf("kernel_size"));
        for (int i = 0; i < spatial; i++)
        {
            if (SpatialMath.TryPooling(input[first + i], kernel[i], strides[i], padding[i], dilation[i], ceilMode, out output[i]) && output[i] < 1)
            {
                var window = kernel.Select((k, j) => dilation[j] * (k - 1) + 1);
                var padded = input.Dims.Skip(first).Select((size, j) => size == TensorShape.UnknownDim ? size : size + 2 * padding[j]);
                return LayerResult.Mismatch(
                    $"{call.Name} window {TensorShape.Format(window)} is larger than its padded input {TensorShape.Format(padded)}",
                    call.LocationOf("kernel_size"));
            }
        }
        return LayerResult.Ok(input.WithLast(output));
    }

    /// <summary><c>Adaptive{Avg,Max}Pool{n}d(output_size)</c>: an int or an n-tuple/array of sizes.</summary>
    public static LayerResult Adaptive(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["output_size"].TryIntegers(spatial, out var size) || !SpatialMath.AllInRange(size, 1))
            return LayerResult.Unknown;
        var rankProblem = ExpectSpatialRank(call, input, spatial);
        return rankProblem is not null ? new LayerResult(TensorShape.Unknown, rankProblem) : LayerResult.Ok(input.WithLast(size));
    }

    /// <summary>
    /// Pooling accepts <c>[C, *spatial]</c> or, read as unbatched, <c>[*spatial]</c> (the batch then
    /// plays the channels, which pools each example alike); libtorch rejects any other rank.
    /// </summary>
    private static ShapeProblem? ExpectSpatialRank(LayerCall call, TensorShape input, int spatial)
        => input.Rank == spatial || input.Rank == spatial + 1
            ? null
            : new ShapeProblem($"{call.Name} expects examples of shape {SpatialMath.Layout(spatial)} but receives {input}", call.Location);

    private static bool TryWindow(ArgValue value, int spatial, long fallback, out long[] values)
    {
        if (value.Kind == ArgKind.Null)
        {
            values = Enumerable.Repeat(fallback, spatial).ToArray();
            return true;
        }
        return value.TryIntegers(spatial, out values, expandSingleElement: true);
    }
}
