using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>A parameter a layer expression creates: its PyTorch-style name within the expression and its shape.</summary>
internal sealed record ParameterShape(string Name, TensorShape Shape);

/// <summary>
/// The parameters the common <c>torch.nn</c> factories create, in registration order, from their arguments alone:
/// enough to tell whether two towers of "the same structure" really have parameters of the same shapes. A layer it
/// does not know ends the list (returned as incomplete), so nothing is claimed about what follows.
/// </summary>
internal static class ParameterShapes
{
    public static (List<ParameterShape> Parameters, bool Complete) Of(LayerCall? call)
    {
        var list = new List<ParameterShape>();
        bool complete = Add(call, "", list);
        return (list, complete);
    }

    private static bool Add(LayerCall? call, string prefix, List<ParameterShape> list)
    {
        if (call is null)
            return false;
        if (call.Name == "Sequential")
        {
            if (call.Arguments.Count > 0)
                return false;
            for (int i = 0; i < call.Elements.Length; i++)
            {
                if (!Add(call.Elements[i], prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", list))
                    return false;
            }
            return true;
        }
        if (Rules.ElementwiseRules.ShapePreserving.Contains(call.Name) && call.Name != "PReLU")
            return true;
        var shapes = Own(call);
        if (shapes is null)
            return false;
        list.AddRange(shapes.Select(s => s with { Name = prefix + s.Name }));
        return true;
    }

    private static List<ParameterShape>? Own(LayerCall call)
    {
        bool Flag(string name, bool fallback) => call[name].TryBoolean(out bool value) ? value : fallback;
        long? Int(string name) => call[name].TryInteger(out long value) ? value : null;

        switch (call.Name)
        {
            case "Linear" when Int("inputSize") is long input && Int("outputSize") is long output:
                return WithBias(Flag("hasBias", true), new[] { output, input }, output);
            case "Embedding" when Int("num_embeddings") is long count && Int("embedding_dims") is long dims:
                return new List<ParameterShape> { new("weight", TensorShape.Of(count, dims)) };
            case "PReLU" when Int("num_parameters") is long weights:
                return new List<ParameterShape> { new("weight", TensorShape.Of(weights)) };
            case "LayerNorm" when call["normalized_shape"].TryIntegerList(out var normalized):
                return Flag("elementwise_affine", true) ? WithBias(Flag("bias", true), normalized, normalized) : new List<ParameterShape>();
            case "GroupNorm" when Int("num_channels") is long channels:
                return Flag("affine", true) ? WithBias(true, new[] { channels }, channels) : new List<ParameterShape>();
        }
        for (int n = 1; n <= 3; n++)
        {
            if ((call.Name == $"Conv{n}d" || call.Name == $"ConvTranspose{n}d")
                && Int("in_channels") is long inChannels && Int("out_channels") is long outChannels
                && call["kernel_size"].TryIntegers(n, out var kernel))
            {
                long groups = Int("groups") ?? 1;
                if (groups < 1)
                    return null;
                bool transposed = call.Name.StartsWith("ConvTranspose", System.StringComparison.Ordinal);
                var weight = transposed
                    ? new[] { inChannels, outChannels / groups }.Concat(kernel).ToArray()
                    : new[] { outChannels, inChannels / groups }.Concat(kernel).ToArray();
                return WithBias(Flag("bias", true), weight, outChannels);
            }
            if ((call.Name == $"BatchNorm{n}d" || call.Name == $"InstanceNorm{n}d") && Int("num_features") is long features)
                return Flag("affine", call.Name.StartsWith("BatchNorm", System.StringComparison.Ordinal)) ? WithBias(true, new[] { features }, features) : new List<ParameterShape>();
        }
        if (call.Name is "Flatten" or "Unflatten" or "Upsample" or "PixelShuffle" or "PixelUnshuffle" or "ZeroPad2d"
            || call.Name.StartsWith("MaxPool", System.StringComparison.Ordinal) || call.Name.StartsWith("AvgPool", System.StringComparison.Ordinal)
            || call.Name.StartsWith("Adaptive", System.StringComparison.Ordinal) || call.Name.EndsWith("Pad1d", System.StringComparison.Ordinal)
            || call.Name.EndsWith("Pad2d", System.StringComparison.Ordinal) || call.Name.EndsWith("Pad3d", System.StringComparison.Ordinal))
            return new List<ParameterShape>();
        return null;
    }

    private static List<ParameterShape> WithBias(bool bias, IEnumerable<long> weight, params long[] biasShape)
        => WithBias(bias, weight, (IEnumerable<long>)biasShape);

    private static List<ParameterShape> WithBias(bool bias, IEnumerable<long> weight, IEnumerable<long> biasShape)
    {
        var list = new List<ParameterShape> { new("weight", TensorShape.Of(weight)) };
        if (bias)
            list.Add(new ParameterShape("bias", TensorShape.Of(biasShape)));
        return list;
    }
}
