using System.Linq;

namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>BatchNorm1d/2d/3d, LayerNorm and GroupNorm: shape-preserving, but sized for one input.</summary>
internal static class NormalizationRules
{
    /// <summary>
    /// <c>BatchNorm{n}d(num_features, ...)</c>: examples are <c>[C, *spatial]</c> (BatchNorm1d also
    /// takes <c>[C]</c>) and C must equal num_features. TorchSharp checks the rank, libtorch the channels.
    /// </summary>
    public static LayerResult BatchNorm(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["num_features"].TryInteger(out long features) || !SpatialMath.InRange(features, 1))
            return LayerResult.Unknown;
        bool rankFits = input.Rank == spatial + 1 || (spatial == 1 && input.Rank == 1);
        if (!rankFits)
        {
            string layout = spatial == 1 ? "[C] or [C, L]" : SpatialMath.Layout(spatial);
            return LayerResult.Mismatch($"{call.Name} expects examples of shape {layout} but receives {input}", call.Location);
        }
        return input.Differs(0, features)
            ? LayerResult.Mismatch($"{call.Name} expects {Counted.Of(features, "channel")} but receives {input[0]}", call.LocationOf("num_features"), input)
            : LayerResult.Ok(input);
    }

    /// <summary>
    /// <c>InstanceNorm{n}d(num_features, ...)</c>: libtorch checks C = num_features on <c>[C, *spatial]</c>.
    /// An example of rank n is read as unbatched, the batch then checked as channels: that depends on
    /// the batch size, so it is unknown.
    /// </summary>
    public static LayerResult InstanceNorm(LayerCall call, TensorShape input, int spatial)
    {
        if (!call["num_features"].TryInteger(out long features) || !SpatialMath.InRange(features, 1) || input.Rank == spatial)
            return LayerResult.Unknown;
        if (input.Rank != spatial + 1)
            return LayerResult.Mismatch($"{call.Name} expects examples of shape {SpatialMath.Layout(spatial)} but receives {input}", call.Location);
        return input.Differs(0, features)
            ? LayerResult.Mismatch($"{call.Name} expects {Counted.Of(features, "channel")} but receives {input[0]}", call.LocationOf("num_features"), input)
            : LayerResult.Ok(input);
    }

    /// <summary><c>LayerNorm(normalized_shape, ...)</c>: the example's trailing dimensions must equal normalized_shape.</summary>
    public static LayerResult LayerNorm(LayerCall call, TensorShape input)
    {
        if (!call["normalized_shape"].TryIntegerList(out var normalized) || normalized.Length == 0 || !SpatialMath.AllInRange(normalized, 1))
            return LayerResult.Unknown;
        // A normalized shape longer than an example would reach into the batch: leave that alone.
        if (normalized.Length > input.Rank)
            return LayerResult.Unknown;
        var trailing = input.Dims.Skip(input.Rank - normalized.Length).ToArray();
        bool differs = trailing.Where((size, i) => size != TensorShape.UnknownDim && size != normalized[i]).Any();
        return differs
            ? LayerResult.Mismatch(
                $"LayerNorm normalizes the last dimensions {TensorShape.Format(normalized)} but receives {TensorShape.Format(trailing)} there",
                call.LocationOf("normalized_shape"), input)
            : LayerResult.Ok(input);
    }

    /// <summary>
    /// <c>GroupNorm(num_groups, num_channels, ...)</c>: examples are <c>[C, *]</c> with C = num_channels and,
    /// in TorchSharp (unlike PyTorch), at least one dimension after C.
    /// </summary>
    public static LayerResult GroupNorm(LayerCall call, TensorShape input)
    {
        if (!call["num_channels"].TryInteger(out long channels) || !SpatialMath.InRange(channels, 1))
            return LayerResult.Unknown;
        if (input.Rank < 2)
            return LayerResult.Mismatch($"GroupNorm expects examples of shape [C, *] with at least one dimension after C but receives {input}", call.Location);
        return input.Differs(0, channels)
            ? LayerResult.Mismatch($"GroupNorm expects {Counted.Of(channels, "channel")} but receives {input[0]}", call.LocationOf("num_channels"), input)
            : LayerResult.Ok(input);
    }
}
