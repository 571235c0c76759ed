using System;
using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>Upsample, PixelShuffle/PixelUnshuffle and the padding layers: they resize the spatial dimensions of <c>[C, *spatial]</c>.</summary>
internal static class ResamplingRules
{
    /// <summary>
    /// <c>Upsample(size = null, scale_factor = null, ...)</c> on <c>[C, L]</c>, <c>[C, H, W]</c> or
    /// <c>[C, D, H, W]</c>: each spatial size becomes <c>size[i]</c> or <c>floor(L * scale_factor[i])</c>.
    /// </summary>
    public static LayerResult Upsample(LayerCall call, TensorShape input)
    {
        var size = call["size"];
        var scale = call["scale_factor"];
        // Exactly one of the two is given; anything else fails when the module is built.
        if ((size.Kind == ArgKind.Null) == (scale.Kind == ArgKind.Null))
            return LayerResult.Unknown;
        if (input.Rank is < 2 or > 4)
            return LayerResult.Mismatch($"Upsample expects examples of shape [C, L], [C, H, W] or [C, D, H, W] but receives {input}", call.Location);
        int spatial = input.Rank - 1;
        // The interpolating modes work on one layout each; only Nearest takes all three.
        var mode = call["mode"];
        int modeSpatial = mode.EnumMember switch { "Linear" => 1, "Bilinear" or "Bicubic" => 2, "Trilinear" => 3, _ => 0 };
        if (mode.Kind != ArgKind.Enum)
            return LayerResult.Unknown;
        if (modeSpatial != 0 && modeSpatial != spatial)
            return LayerResult.Mismatch($"Upsample mode {mode.EnumMember} expects examples of shape {SpatialMath.Layout(modeSpatial)} but receives {input}", call.LocationOf("mode"));
        var output = new long[spatial];
        if (size.Kind != ArgKind.Null)
        {
            if (!size.TryIntegerList(out var sizes) || !SpatialMath.AllInRange(sizes, 1))
                return LayerResult.Unknown;
            if (sizes.Length != spatial)
                return CountMismatch(call, "size", sizes.Length, spatial, input);
            return LayerResult.Ok(input.WithLast(sizes));
        }
        if (!scale.TryRealList(out var factors) || factors.Any(f => !(f > 0 && f <= SpatialMath.Limit)))
            return LayerResult.Unknown;
        if (factors.Length != spatial)
            return CountMismatch(call, "scale_factor", factors.Length, spatial, input);
        for (int i = 0; i < spatial; i++)
        {
            long inputSize = input[i + 1];
            output[i] = inputSize == TensorShape.UnknownDim ? TensorShape.UnknownDim : (long)Math.Floor(inputSize * factors[i]);
            if (inputSize != TensorShape.UnknownDim && output[i] < 1)
                return LayerResult.Unknown;
        }
        return LayerResult.Ok(input.WithLast(output));
    }

    private static LayerResult CountMismatch(LayerCall call, string parameter, int given, int spatial, TensorShape input)
        => LayerResult.Mismatch(
            $"Upsample has {Counted.Of(given, parameter + " value")} but receives examples {input} with {Counted.Of(spatial, "spatial dimension")}",
            call.LocationOf(parameter));

    /// <summary><c>PixelShuffle(r)</c>: <c>[C·r², H, W] → [C, H·r, W·r]</c>; <c>PixelUnshuffle(r)</c> the reverse.</summary>
    public static LayerResult PixelShuffle(LayerCall call, TensorShape input, bool shuffle)
    {
        string parameter = shuffle ? "upscale_factor" : "downscale_factor";
        if (!call[parameter].TryInteger(out long factor) || !SpatialMath.InRange(factor, 1) || factor > 1 << 15)
            return LayerResult.Unknown;
        // [H, W] examples are legal, but then the batch plays the channels and the result depends on its size.
        if (input.Rank == 2)
            return LayerResult.Unknown;
        if (input.Rank < 2)
            return LayerResult.Mismatch($"{call.Name} expects examples of shape [C, H, W] but receives {input}", call.Location);
        int channel = input.Rank - 3;
        long square = factor * factor;
        var dims = input.Dims.ToArray();
        if (shuffle)
        {
            if (dims[channel] != TensorShape.UnknownDim && dims[channel] % square != 0)
                return LayerResult.Mismatch($"PixelShuffle({factor}) needs channels divisible by {square} but receives {dims[channel]}", call.LocationOf(parameter));
            dims[channel] = Scale(dims[channel], 1, square);
            dims[channel + 1] = Scale(dims[channel + 1], factor, 1);
            dims[channel + 2] = Scale(dims[channel + 2], factor, 1);
        }
        else
        {
            for (int i = channel + 1; i <= channel + 2; i++)
            {
                if (dims[i] != TensorShape.UnknownDim && dims[i] % factor != 0)
                    return LayerResult.Mismatch($"PixelUnshuffle({factor}) needs height and width divisible by {factor} but receives {TensorShape.Format(dims.Skip(channel + 1))}", call.LocationOf(parameter));
                dims[i] = Scale(dims[i], 1, factor);
            }
            dims[channel] = Scale(dims[channel], square, 1);
        }
        return LayerResult.Ok(TensorShape.Of(dims));
    }

    /// <summary>
    /// <c>ZeroPad2d</c>, <c>ConstantPad{n}d</c>, <c>ReflectionPad{n}d</c>, <c>ReplicationPad{n}d</c>:
    /// <c>padding</c> is an int or (left, right[, top, bottom[, front, back]]), last dimension first.
    /// </summary>
    public static LayerResult Pad(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["padding"].TryIntegers(2 * spatial, out var padding) || !SpatialMath.AllInRange(padding, 0))
            return LayerResult.Unknown;
        // Constant padding pads the last n dimensions of any tensor; reflection and replication take
        // [C, *spatial] or unbatched [*spatial] (then the batch reads as channels, which pads alike).
        bool constant = call.Name.StartsWith("Constant", StringComparison.Ordinal) || call.Name.StartsWith("Zero", StringComparison.Ordinal);
        if (input.Rank < spatial || (!constant && input.Rank > spatial + 1))
            return LayerResult.Unknown;
        var dims = input.Dims.ToArray();
        for (int i = 0; i < spatial; i++)
        {
            int index = dims.Length - 1 - i;
            long grown = dims[index] == TensorShape.UnknownDim ? TensorShape.UnknownDim : dims[index] + padding[2 * i] + padding[2 * i + 1];
            // Reflection and replication padding need a minimum input size; an unusual case to leave unknown.
            if (call.Name.StartsWith("Reflection", StringComparison.Ordinal) && dims[index] != TensorShape.UnknownDim
                && (padding[2 * i] >= dims[index] || padding[2 * i + 1] >= dims[index]))
                return LayerResult.Unknown;
            dims[index] = grown;
        }
        return LayerResult.Ok(TensorShape.Of(dims));
    }

    private static long Scale(long size, long multiply, long divide)
        => size == TensorShape.UnknownDim ? TensorShape.UnknownDim : size * multiply / divide;
}
