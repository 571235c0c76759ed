using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Graph;

/// <summary>
/// The nodes and initializers of one graph under construction, with unique tensor names built from module paths
/// (<c>backbone.0.weight</c>, <c>backbone.0/Conv</c>), so that a file reads like the model in Netron.
/// </summary>
internal sealed class OnnxNodes
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public List<NodeProto> Nodes { get; } = new();

    public List<TensorProto> Initializers { get; } = new();

    /// <summary>Reserves <paramref name="name"/> exactly (graph inputs and outputs); throws if it is taken.</summary>
    public string Reserve(string name)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"The ONNX tensor name '{name}' is used twice.");
        return name;
    }

    /// <summary>A name not used yet, <paramref name="hint"/> itself or with a counter.</summary>
    public string Fresh(string hint)
    {
        if (_names.Add(hint))
            return hint;
        for (int i = 1; ; i++)
        {
            var candidate = hint + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_names.Add(candidate))
                return candidate;
        }
    }

    /// <summary>Adds a node with one output; returns the output's name.</summary>
    public string Add(string op, string path, IEnumerable<string> inputs, params AttributeProto[] attributes)
        => AddMany(op, path, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs; returns their names.</summary>
    public string[] AddMany(string op, string path, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(path + "/" + op) };
        node.Input.AddRange(inputs);
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++)
            names[i] = Fresh(node.Name + (outputs == 1 ? "" : ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ":out");
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Nodes.Add(node);
        return names;
    }

    /// <summary>A float32 initializer holding <paramref name="value"/>'s current contents (moved to the CPU, as float32).</summary>
    public string Weight(string name, Tensor value)
    {
        using var host = value.detach().to(ScalarType.Float32).cpu().contiguous();
        var proto = new TensorProto { Name = Fresh(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(host.shape);
        proto.RawData = RawBytes(host.data<float>().ToArray());
        Initializers.Add(proto);
        return proto.Name;
    }

    /// <summary>A float32 initializer of <paramref name="shape"/> from <paramref name="values"/>.</summary>
    public string Floats(string name, float[] values, params long[] shape)
    {
        var proto = new TensorProto { Name = Fresh(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape);
        proto.RawData = RawBytes(values);
        Initializers.Add(proto);
        return proto.Name;
    }

    /// <summary>A float32 scalar initializer.</summary>
    public string Scalar(string name, double value) => Floats(name, new[] { (float)value });

    /// <summary>A one-dimensional int64 initializer (shapes, axes, indices).</summary>
    public string Int64s(string name, params long[] values)
    {
        var proto = new TensorProto { Name = Fresh(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Initializers.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 scalar initializer (a Gather index that drops its axis).</summary>
    public string Int64Scalar(string name, long value)
    {
        var proto = new TensorProto { Name = Fresh(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Int64Data.Add(value);
        Initializers.Add(proto);
        return proto.Name;
    }

    // raw_data is little-endian by the ONNX spec; every platform .NET and libtorch run on here is.
    private static ByteString RawBytes(float[] values)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX export writes little-endian raw data.");
        return ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}

/// <summary>Node attributes, by ONNX's attribute types.</summary>
internal static class Attr
{
    public static AttributeProto Int(string name, long value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, double value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto String(string name, string value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }
}
