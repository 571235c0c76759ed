using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Shapes.Rules;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// The shape rule of every <c>torch.nn</c> factory the generator understands, by factory name.
/// A factory missing here (or a rule that cannot read its arguments) makes the shape unknown:
/// the checks stop there instead of guessing.
/// </summary>
internal static class LayerShapeRules
{
    private static readonly Dictionary<string, Func<LayerCall, TensorShape, LayerResult>> Rules = Build();

    /// <summary>What <paramref name="call"/> makes of examples of shape <paramref name="input"/>.</summary>
    public static LayerResult Apply(LayerCall call, TensorShape input)
    {
        if (!Rules.TryGetValue(call.Name, out var rule))
            return LayerResult.Unknown;
        if (input.IsKnown)
            return rule(call, input);
        // Unknown rank (no [ModelInput] shape, or an opaque layer before): layers that fix their output whatever they
        // receive still say something, so a Linear(8, 16) trunk before a Linear(32, 1) head is caught anyway.
        if (call.Name == "Linear")
            return LinearRules.LinearOnTrailing(call, input);
        if (Preserving.Contains(call.Name))
            return LayerResult.Ok(input);
        if (SpatialRank(call.Name) is int rank)
            return rule(call, TensorShape.OfUnknownSizes(rank));
        return LayerResult.Unknown;
    }

    private static readonly HashSet<string> Preserving = new(ElementwiseRules.ShapePreserving.Where(n => n != "PReLU"), StringComparer.Ordinal);

    /// <summary>The example rank a layer with n spatial dimensions takes: n + 1 (channels first).</summary>
    private static int? SpatialRank(string name)
    {
        foreach (var prefix in new[] { "ConvTranspose", "Conv", "MaxPool", "AvgPool", "AdaptiveAvgPool", "AdaptiveMaxPool", "BatchNorm", "InstanceNorm" })
        {
            if (name.Length == prefix.Length + 2 && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith("d", StringComparison.Ordinal)
                && name[prefix.Length] is >= '1' and <= '3')
                return name[prefix.Length] - '0' + 1;
        }
        return null;
    }

    /// <summary>Every factory with a rule (the tests run each on hostile arguments).</summary>
    public static IEnumerable<string> Factories => Rules.Keys;

    private static Dictionary<string, Func<LayerCall, TensorShape, LayerResult>> Build()
    {
        var rules = new Dictionary<string, Func<LayerCall, TensorShape, LayerResult>>(StringComparer.Ordinal)
        {
            ["Linear"] = LinearRules.Linear,
            ["Embedding"] = LinearRules.Embedding,
            ["Flatten"] = ReshapeRules.Flatten,
            ["Unflatten"] = ReshapeRules.Unflatten,
            ["Upsample"] = ResamplingRules.Upsample,
            ["PixelShuffle"] = (c, s) => ResamplingRules.PixelShuffle(c, s, shuffle: true),
            ["PixelUnshuffle"] = (c, s) => ResamplingRules.PixelShuffle(c, s, shuffle: false),
            ["ZeroPad2d"] = (c, s) => ResamplingRules.Pad(c, s, 2),
            ["LayerNorm"] = NormalizationRules.LayerNorm,
            ["GroupNorm"] = NormalizationRules.GroupNorm,
            ["GLU"] = ElementwiseRules.Glu,
            ["LSTM"] = RecurrentRules.Recurrent,
            ["GRU"] = RecurrentRules.Recurrent,
            ["RNN"] = RecurrentRules.Recurrent,
        };
        foreach (var name in ElementwiseRules.ShapePreserving)
            rules[name] = ElementwiseRules.Preserve;
        for (int n = 1; n <= 3; n++)
        {
            int spatial = n;
            rules[$"Conv{n}d"] = (c, s) => ConvolutionRules.Convolution(c, s, spatial);
            rules[$"ConvTranspose{n}d"] = (c, s) => ConvolutionRules.Transposed(c, s, spatial);
            rules[$"MaxPool{n}d"] = (c, s) => PoolingRules.Pooling(c, s, spatial, hasDilation: true);
            rules[$"AvgPool{n}d"] = (c, s) => PoolingRules.Pooling(c, s, spatial, hasDilation: false);
            rules[$"AdaptiveAvgPool{n}d"] = (c, s) => PoolingRules.Adaptive(c, s, spatial);
            rules[$"AdaptiveMaxPool{n}d"] = (c, s) => PoolingRules.Adaptive(c, s, spatial);
            rules[$"BatchNorm{n}d"] = (c, s) => NormalizationRules.BatchNorm(c, s, spatial);
            rules[$"InstanceNorm{n}d"] = (c, s) => NormalizationRules.InstanceNorm(c, s, spatial);
            rules[$"ConstantPad{n}d"] = (c, s) => ResamplingRules.Pad(c, s, spatial);
            rules[$"ReflectionPad{n}d"] = (c, s) => ResamplingRules.Pad(c, s, spatial);
            rules[$"ReplicationPad{n}d"] = (c, s) => ResamplingRules.Pad(c, s, spatial);
        }
        return rules;
    }
}
