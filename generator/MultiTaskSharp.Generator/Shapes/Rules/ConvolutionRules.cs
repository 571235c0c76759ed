using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>Conv1d/2d/3d and ConvTranspose1d/2d/3d: <c>[C_in, *spatial] → [C_out, *spatial']</c>.</summary>
internal static class ConvolutionRules
{
    /// <summary>
    /// <c>Conv{n}d(in_channels, out_channels, kernel_size, stride, padding, dilation, ...)</c>; kernel,
    /// stride, padding and dilation are an int or an n-tuple, and padding may be <c>Padding.Same</c> or
    /// <c>Padding.Valid</c> (the tuple overloads default stride/dilation to null, meaning 1).
    /// </summary>
    public static LayerResult Convolution(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["in_channels"].TryInteger(out long inChannels) || !call["out_channels"].TryInteger(out long outChannels)
            || !SpatialMath.InRange(inChannels, 1) || !SpatialMath.InRange(outChannels, 1)
            || !call["kernel_size"].TryIntegers(spatial, out var kernel) || !SpatialMath.AllInRange(kernel, 1)
            || !TryOptional(call["stride"], spatial, 1, out var stride) || !SpatialMath.AllInRange(stride, 1)
            || !TryOptional(call["dilation"], spatial, 1, out var dilation) || !SpatialMath.AllInRange(dilation, 1))
            return LayerResult.Unknown;

        var rankProblem = ExpectRank(call, input, spatial);
        if (rankProblem is not null)
            return new LayerResult(TensorShape.Unknown, rankProblem);

        var channelProblem = input.Differs(0, inChannels)
            ? new ShapeProblem($"{call.Name} expects {Counted.Of(inChannels, "input channel")} but receives {input[0]}", call.LocationOf("in_channels"))
            : null;

        var paddingArgument = call["padding"];
        var output = new long[spatial];
        if (paddingArgument.IsEnum("Same"))
        {
            // 'same' keeps every spatial size; libtorch rejects it for strided convolutions.
            if (stride.Any(s => s != 1))
                return LayerResult.Unknown.With(channelProblem);
            for (int i = 0; i < spatial; i++)
                output[i] = input[i + 1];
            return LayerResult.Ok(TensorShape.Of(new[] { outChannels }.Concat(output))).With(channelProblem);
        }
        long[] padding;
        if (paddingArgument.IsEnum("Valid"))
            padding = new long[spatial];
        else if (!TryOptional(paddingArgument, spatial, 0, out padding) || !SpatialMath.AllInRange(padding, 0))
            return LayerResult.Unknown.With(channelProblem);

        ShapeProblem? sizeProblem = null;
        for (int i = 0; i < spatial; i++)
        {
            if (!SpatialMath.TryConvolution(input[i + 1], kernel[i], stride[i], padding[i], dilation[i], out output[i]))
                continue;
            if (output[i] < 1)
                sizeProblem ??= KernelTooLarge(call, input, kernel, padding, dilation);
        }
        if (sizeProblem is not null)
            return new LayerResult(TensorShape.Unknown, channelProblem ?? sizeProblem);
        return LayerResult.Ok(TensorShape.Of(new[] { outChannels }.Concat(output))).With(channelProblem);
    }

    /// <summary><c>ConvTranspose{n}d(in_channels, out_channels, kernel_size, stride, padding, output_padding, dilation, ...)</c>.</summary>
    public static LayerResult Transposed(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["in_channels"].TryInteger(out long inChannels) || !call["out_channels"].TryInteger(out long outChannels)
            || !SpatialMath.InRange(inChannels, 1) || !SpatialMath.InRange(outChannels, 1)
            || !call["kernel_size"].TryIntegers(spatial, out var kernel) || !SpatialMath.AllInRange(kernel, 1)
            || !TryOptional(call["stride"], spatial, 1, out var stride) || !SpatialMath.AllInRange(stride, 1)
            || !TryOptional(call["padding"], spatial, 0, out var padding) || !SpatialMath.AllInRange(padding, 0)
            || !TryOptional(call["output_padding"], spatial, 0, out var outputPadding) || !SpatialMath.AllInRange(outputPadding, 0)
            || !TryOptional(call["dilation"], spatial, 1, out var dilation) || !SpatialMath.AllInRange(dilation, 1))
            return LayerResult.Unknown;
        // TorchSharp 0.107.0's tuple overloads pass output_padding's first element for every dimension
        // (a probe against the real module showed it); unequal elements are unknown, so a fixed release cannot make this wrong.
        if (outputPadding.Distinct().Count() > 1)
            return LayerResult.Unknown;
        // libtorch requires output_padding smaller than stride or dilation; anything else fails before shapes matter.
        for (int i = 0; i < spatial; i++)
        {
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i])
                return LayerResult.Unknown;
        }

        var rankProblem = ExpectRank(call, input, spatial);
        if (rankProblem is not null)
            return new LayerResult(TensorShape.Unknown, rankProblem);

        var channelProblem = input.Differs(0, inChannels)
            ? new ShapeProblem($"{call.Name} expects {Counted.Of(inChannels, "input channel")} but receives {input[0]}", call.LocationOf("in_channels"))
            : null;
        var output = new long[spatial];
        for (int i = 0; i < spatial; i++)
        {
            // A non-positive size is an error too, but rare enough that "unknown" is the honest answer.
            if (SpatialMath.TryTransposedConvolution(input[i + 1], kernel[i], stride[i], padding[i], outputPadding[i], dilation[i], out output[i]) && output[i] < 1)
                return LayerResult.Unknown.With(channelProblem);
        }
        return LayerResult.Ok(TensorShape.Of(new[] { outChannels }.Concat(output))).With(channelProblem);
    }

    /// <summary>A convolution's example is <c>[C, *spatial]</c>; any other rank fails in libtorch (the batch is always there).</summary>
    private static ShapeProblem? ExpectRank(LayerCall call, TensorShape input, int spatial)
        => input.Rank == spatial + 1
            ? null
            : new ShapeProblem($"{call.Name} expects examples of shape {SpatialMath.Layout(spatial)} but receives {input}", call.Location);

    private static ShapeProblem KernelTooLarge(LayerCall call, TensorShape input, long[] kernel, long[] padding, long[] dilation)
    {
        var padded = input.Dims.Skip(1).Select((size, i) => size == TensorShape.UnknownDim ? size : size + 2 * padding[i]);
        var effective = kernel.Select((k, i) => dilation[i] * (k - 1) + 1).ToArray();
        string what = dilation.All(d => d == 1) ? "kernel" : "dilated kernel";
        return new ShapeProblem(
            $"{call.Name} {what} {TensorShape.Format(effective)} is larger than its padded input {TensorShape.Format(padded)}",
            call.LocationOf("kernel_size"));
    }

    /// <summary>An int or n-tuple, or null (TorchSharp's default for the tuple overloads) meaning <paramref name="fallback"/>.</summary>
    internal static bool TryOptional(ArgValue value, int count, long fallback, out long[] values)
    {
        if (value.Kind == ArgKind.Null)
        {
            values = Enumerable.Repeat(fallback, count).ToArray();
            return true;
        }
        return value.TryIntegers(count, out values);
    }
}
