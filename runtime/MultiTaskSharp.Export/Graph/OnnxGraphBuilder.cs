using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Graph;

/// <summary>
/// Builds the ONNX graph of a model from its generated inference description: each call maps one stage to nodes
/// and computes the stage's TorchSharp value on the example batch alongside (the caller holds a dispose scope).
/// </summary>
internal sealed class OnnxGraphBuilder : IInferenceGraph
{
    /// <summary>The example batch size: above 1, so that no mapping can confuse the batch with a squeezable axis.</summary>
    public const int ExampleBatch = 2;

    private readonly List<GraphValue> _values = new();
    private readonly Dictionary<nn.Module, string> _paths = new(ReferenceEqualityComparer.Instance);
    private readonly bool _predictions;
    private readonly LayerMapper _layers;
    private readonly RecurrentMapper _recurrent;
    private readonly Device _device;
    private readonly ScalarType _dtype;

    // Examples come from a generator of their own: exporting never advances the user's global random stream.
    private readonly Generator _random = new(seed: 20261201);

    public OnnxGraphBuilder(nn.Module model, bool predictions)
    {
        foreach (var (name, module) in model.named_modules())
        {
            if (name.Length > 0 && !_paths.ContainsKey(module))
                _paths[module] = name;
        }
        var first = model.parameters().FirstOrDefault();
        _device = first?.device ?? CPU;
        _dtype = first is not null && first.is_floating_point() ? first.dtype : ScalarType.Float32;
        _predictions = predictions;
        _layers = new LayerMapper(this);
        _recurrent = new RecurrentMapper(this);
    }

    public OnnxNodes Nodes { get; } = new();

    public List<ValueInfoProto> Inputs { get; } = new();

    public List<ValueInfoProto> Outputs { get; } = new();

    public List<string> InputNames { get; } = new();

    public List<string> TaskNames { get; } = new();

    /// <summary>The registered path of <paramref name="module"/> in the model, or <paramref name="fallback"/>.</summary>
    public string PathOf(nn.Module module, string fallback) => _paths.TryGetValue(module, out var path) ? path : fallback;

    public GraphValue this[InferenceValue value] => _values[value.Id];

    public InferenceValue Add(GraphValue value)
    {
        _values.Add(value);
        return new InferenceValue(_values.Count - 1);
    }

    public InferenceValue Input(string name, long[] exampleShape)
    {
        if (exampleShape.Length == 0)
        {
            throw new OnnxExportException($"input {name}",
                $"its example shape is not declared; declare it, e.g. [ModelInput(\"{name}\", …dims)], so the file can state its inputs' shapes.");
        }
        var example = randn([ExampleBatch, .. exampleShape], dtype: _dtype, generator: _random).to(_device);
        var info = new ValueInfoProto { Name = Nodes.Reserve(name), Type = TensorType(TensorProto.Types.DataType.Float, example, null) };
        Inputs.Add(info);
        InputNames.Add(name);
        return Add(new GraphValue(name, example, Input: Inputs.Count - 1));
    }

    /// <summary>Turns a graph input into int64 indices (it feeds an Embedding), with example indices below <paramref name="limit"/>.</summary>
    public GraphValue AsIndexInput(GraphValue input, long limit)
    {
        var example = randint(limit, input.Example.shape, dtype: ScalarType.Int64, generator: _random).to(_device);
        Inputs[input.Input].Type = TensorType(TensorProto.Types.DataType.Int64, example, input.SequenceAxis);
        var indices = input with { Example = example };
        _values[_values.FindIndex(v => ReferenceEquals(v, input))] = indices;
        return indices;
    }

    /// <summary>Marks a graph input's time axis as the dynamic sequence dimension (it feeds a recurrent trunk directly).</summary>
    public GraphValue WithSequenceAxis(GraphValue input, int axis)
    {
        var marked = input with { SequenceAxis = axis };
        Inputs[input.Input].Type = TensorType((TensorProto.Types.DataType)Inputs[input.Input].Type.TensorType.ElemType, input.Example, axis);
        _values[_values.FindIndex(v => ReferenceEquals(v, input))] = marked;
        return marked;
    }

    public InferenceValue Module(nn.IModule<Tensor, Tensor> member, InferenceValue input)
    {
        if (member is not nn.Module module)
            throw new OnnxExportException(member.GetType().Name, "it is not a TorchSharp module.");
        return Add(_layers.Apply(module, PathOf(module, module.GetName()), this[input]));
    }

    public InferenceValue Recurrent(nn.Module module, InferenceValue input, RecurrentOutput passes, bool batchFirst, bool bidirectional)
    {
        var x = this[input];
        if (x.Input >= 0 && batchFirst && x.SequenceAxis is null)
            x = WithSequenceAxis(x, 1);
        return Add(_recurrent.Apply(module, PathOf(module, module.GetName()), x, passes, batchFirst));
    }

    public InferenceValue Method(string member, string role, InferenceValue input)
        => throw new OnnxExportException(member,
            $"the {role} is a method: arbitrary C# the exporter cannot follow. Declare it as a module field (a Sequential of layers that have an ONNX mapping) to export the model.");

    public InferenceValue Experts(ModuleList<nn.Module<Tensor, Tensor>> pool, InferenceValue input)
    {
        var x = this[input];
        string path = PathOf(pool, "experts");
        var axis = Nodes.Int64s(path + ".axis1", 1);
        var stacked = new List<string>();
        var examples = new List<Tensor>();
        for (int i = 0; i < pool.Count; i++)
        {
            var expert = _layers.Apply(pool[i], PathOf(pool[i], path + "." + i), x);
            stacked.Add(Nodes.Add("Unsqueeze", path + "." + i, [expert.Name, axis]));
            examples.Add(expert.Example);
        }
        var output = stacked.Count == 1 ? stacked[0] : Nodes.Add("Concat", path, stacked, Attr.Int("axis", 1));
        return Add(new GraphValue(output, stack(examples, 1)));
    }

    public InferenceValue Gate(nn.Module<Tensor, Tensor> gate, InferenceValue input)
    {
        string path = PathOf(gate, "gate");
        var logits = _layers.Apply(gate, path, this[input]);
        if (logits.Rank != 2)
            throw new OnnxExportException($"{path} ({gate.GetType().Name})", $"a gate must output one logit per expert, [N, E], but produced {Shape(logits.Example)}.");
        var weights = Nodes.Add("Softmax", path, [logits.Name], Attr.Int("axis", 1));
        return Add(new GraphValue(weights, nn.functional.softmax(logits.Example, 1)));
    }

    public InferenceValue Mix(InferenceValue weights, InferenceValue[] pools)
    {
        var w = this[weights];
        var experts = pools.Select(p => this[p]).ToArray();
        string expertsName = experts.Length == 1 ? experts[0].Name : Nodes.Add("Concat", "mix", experts.Select(e => e.Name), Attr.Int("axis", 1));
        var example = MixtureOfExperts.Mix(w.Example, experts.Select(e => e.Example).ToArray());
        long rank = experts[0].Rank;
        // [N, E] → [N, E, 1, …]: broadcast each expert's weight over its output's dimensions.
        string broadcast = rank <= 2 ? w.Name : Nodes.Add("Unsqueeze", "mix", [w.Name, Nodes.Int64s("mix.axes", Enumerable.Range(2, (int)rank - 2).Select(a => (long)a).ToArray())]);
        var weighted = Nodes.Add("Mul", "mix", [broadcast, expertsName]);
        var sum = Nodes.Add("ReduceSum", "mix", [weighted, Nodes.Int64s("mix.axis1", 1)], Attr.Int("keepdims", 0));
        return Add(new GraphValue(sum, example));
    }

    public InferenceValue[] CrossStitch(CrossStitchUnit unit, InferenceValue[] columns)
    {
        string path = PathOf(unit, "cross_stitch");
        var xs = columns.Select(c => this[c]).ToArray();
        var mixed = unit.forward(xs.Select(x => x.Example).ToArray());
        using var alpha = unit.Alpha.detach().to(ScalarType.Float32).cpu();
        var weights = alpha.data<float>().ToArray();
        int t = xs.Length;
        var result = new InferenceValue[t];
        // Column i continues with Σ_j α_ij x_j: T² scalar products, T small (one per task).
        for (int i = 0; i < t; i++)
        {
            var terms = new string[t];
            for (int j = 0; j < t; j++)
                terms[j] = Nodes.Add("Mul", path, [xs[j].Name, Nodes.Scalar($"{path}.alpha[{i},{j}]", weights[i * t + j])]);
            var sum = Nodes.Add("Sum", path, terms);
            result[i] = Add(new GraphValue(sum, mixed[i], xs[i].SequenceAxis));
        }
        return result;
    }

    public InferenceValue Concat(InferenceValue[] values)
    {
        var xs = values.Select(v => this[v]).ToArray();
        if (xs.Any(x => x.SequenceAxis == 1))
            throw new OnnxExportException("a task connection", "it concatenates along a variable-length sequence axis.");
        var output = Nodes.Add("Concat", "connection", xs.Select(x => x.Name), Attr.Int("axis", 1));
        return Add(new GraphValue(output, cat(xs.Select(x => x.Example).ToArray(), 1), xs[0].SequenceAxis));
    }

    public void Output(string task, InferenceValue value, OutputKind output)
    {
        var x = this[value];
        TaskNames.Add(task);
        AddOutput(task, "Identity", [x.Name], TensorProto.Types.DataType.Float, x.Example, x.SequenceAxis);
        if (!_predictions)
            return;
        switch (output)
        {
            case OutputKind.Classes or OutputKind.Pixels:
                int minimum = output == OutputKind.Classes ? 2 : 3;
                if (x.Rank != minimum && !(output == OutputKind.Pixels && x.Rank > 3))
                    throw new OnnxExportException(task, $"its {output} output must be {(output == OutputKind.Classes ? "[N, C]" : "[N, C, *spatial]")} but is {Shape(x.Example)}.");
                using (var classes = x.Example.argmax(1))
                    AddOutput(task + OnnxContract.ClassSuffix, "ArgMax", [x.Name], TensorProto.Types.DataType.Int64, classes, Shifted(x.SequenceAxis), Attr.Int("axis", 1), Attr.Int("keepdims", 0));
                AddOutput(task + OnnxContract.ProbabilitiesSuffix, "Softmax", [x.Name], TensorProto.Types.DataType.Float, x.Example, x.SequenceAxis, Attr.Int("axis", 1));
                break;
            case OutputKind.MultiLabel:
                var zero = Nodes.Scalar(task + ".threshold", 0);
                AddOutput(task + OnnxContract.LabelsSuffix, "Greater", [x.Name, zero], TensorProto.Types.DataType.Bool, x.Example, x.SequenceAxis);
                AddOutput(task + OnnxContract.ProbabilitiesSuffix, "Sigmoid", [x.Name], TensorProto.Types.DataType.Float, x.Example, x.SequenceAxis);
                break;
        }
    }

    // The class index drops the class axis (1): a sequence axis after it moves down by one.
    private static int? Shifted(int? axis) => axis is int a && a > 1 ? a - 1 : axis;

    private void AddOutput(string name, string op, string[] inputs, TensorProto.Types.DataType type, Tensor example, int? sequenceAxis, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Nodes.Fresh(name + "/" + op) };
        node.Input.AddRange(inputs);
        node.Output.Add(Nodes.Reserve(name));
        node.Attribute.AddRange(attributes);
        Nodes.Nodes.Add(node);
        Outputs.Add(new ValueInfoProto { Name = name, Type = TensorType(type, example, sequenceAxis) });
    }

    /// <summary>A tensor type of the example's shape, its first dimension the dynamic batch (and a dynamic sequence axis).</summary>
    private static TypeProto TensorType(TensorProto.Types.DataType type, Tensor example, int? sequenceAxis)
    {
        var shape = new TensorShapeProto();
        for (int i = 0; i < example.dim(); i++)
        {
            shape.Dim.Add(i == 0 ? new TensorShapeProto.Types.Dimension { DimParam = OnnxContract.BatchDimension }
                : i == sequenceAxis ? new TensorShapeProto.Types.Dimension { DimParam = OnnxContract.SequenceDimension }
                : new TensorShapeProto.Types.Dimension { DimValue = example.shape[i] });
        }
        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } };
    }

    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
