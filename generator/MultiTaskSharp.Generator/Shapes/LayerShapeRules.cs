using System;
using System.Collections.Generic;
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
        => input.IsKnown && Rules.TryGetValue(call.Name, out var rule) ? rule(call, input) : LayerResult.Unknown;

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
