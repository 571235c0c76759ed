using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Graph;

/// <summary>
/// Maps an LSTM, GRU or RNN trunk field to ONNX's LSTM, GRU and RNN nodes, one node per layer, then reduces the
/// result as <see cref="RecurrentOutputs"/> does. ONNX orders gates differently from PyTorch (LSTM: iofc, not
/// ifgo; GRU: zrh, not rzn), so weights are reordered gate by gate; a PyTorch GRU applies the reset gate after the
/// hidden state's linear transform, which is ONNX's <c>linear_before_reset = 1</c>.
/// </summary>
internal sealed class RecurrentMapper
{
    private readonly OnnxGraphBuilder _graph;

    public RecurrentMapper(OnnxGraphBuilder graph) => _graph = graph;

    private OnnxNodes Nodes => _graph.Nodes;

    public GraphValue Apply(nn.Module module, string path, GraphValue x, RecurrentOutput passes, bool batchFirst)
    {
        string where = $"{path} ({module.GetType().Name})";
        if (x.Example.dtype == ScalarType.Int64)
            throw new OnnxExportException(where, "it reads integer indices: only an Embedding can read them.");
        if (x.Rank != 3)
            throw new OnnxExportException(where, $"a recurrent layer reads [N, L, F] (or [L, N, F]) but gets {OnnxGraphBuilder.Shape(x.Example)}.");
        var (op, gateOrder) = module switch
        {
            LSTM => ("LSTM", new[] { 0, 3, 1, 2 }), // PyTorch i, f, g, o → ONNX i, o, f, c
            GRU => ("GRU", new[] { 1, 0, 2 }),      // PyTorch r, z, n → ONNX z, r, h
            RNN => ("RNN", new[] { 0 }),
            _ => throw new OnnxExportException(where, "only LSTM, GRU and RNN recurrent trunks export."),
        };
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        int layers = 0;
        while (parameters.ContainsKey($"weight_ih_l{layers}"))
            layers++;
        bool bidirectional = parameters.ContainsKey("weight_ih_l0_reverse");
        long hidden = parameters["weight_hh_l0"].shape[1];
        var suffixes = bidirectional ? new[] { "", "_reverse" } : new[] { "" };

        var (example, outputAxis) = Example(module, x.Example, passes, batchFirst, bidirectional, x.SequenceAxis);
        string? activation = module is RNN rnn ? RnnActivation(rnn, x.Example, parameters, batchFirst, where) : null;

        // ONNX's recurrent nodes read [L, N, F]; Y is [L, D, N, H] and Y_h [D, N, H].
        string sequence = batchFirst ? Transpose(x.Name, path, 1, 0, 2) : x.Name;
        string y = "", yh = "";
        for (int layer = 0; layer < layers; layer++)
        {
            string layerPath = $"{path}.l{layer}";
            var w = suffixes.Select(s => Reorder(parameters[$"weight_ih_l{layer}{s}"], gateOrder)).ToArray();
            var r = suffixes.Select(s => Reorder(parameters[$"weight_hh_l{layer}{s}"], gateOrder)).ToArray();
            var b = suffixes.Select(s => cat([Bias(parameters, $"bias_ih_l{layer}{s}", gateOrder, hidden), Bias(parameters, $"bias_hh_l{layer}{s}", gateOrder, hidden)], 0)).ToArray();
            var attributes = new List<Onnx.AttributeProto>
            {
                Attr.Int("hidden_size", hidden),
                Attr.String("direction", bidirectional ? "bidirectional" : "forward"),
            };
            if (module is GRU)
                attributes.Add(Attr.Int("linear_before_reset", 1));
            if (activation is not null)
                attributes.Add(Attr.Strings("activations", Enumerable.Repeat(activation, suffixes.Length)));
            var outputs = Nodes.AddMany(op, layerPath, [sequence, Nodes.Weight(layerPath + ".W", stack(w, 0)), Nodes.Weight(layerPath + ".R", stack(r, 0)), Nodes.Weight(layerPath + ".B", stack(b, 0))],
                module is LSTM ? 3 : 2, attributes.ToArray());
            (y, yh) = (outputs[0], outputs[1]);
            if (layer < layers - 1)
                sequence = Merge(Transpose(y, layerPath, 0, 2, 1, 3), layerPath, 0, 0, -1); // [L, N, D·H], the next layer's input
        }

        string result = passes switch
        {
            RecurrentOutput.AllSteps => AllSteps(y, path, batchFirst),
            // A scalar index drops the time axis: [D, N, H].
            RecurrentOutput.LastStep => Merge(Transpose(Nodes.Add("Gather", path, [y, Nodes.Int64Scalar(path + ".last", -1)], Attr.Int("axis", 0)), path, 1, 0, 2), path, 0, -1),
            _ => Merge(Transpose(yh, path, 1, 0, 2), path, 0, -1),
        };
        return new GraphValue(result, example, outputAxis);
    }

    private string AllSteps(string y, string path, bool batchFirst)
    {
        var steps = Merge(Transpose(y, path, 0, 2, 1, 3), path, 0, 0, -1); // [L, N, D·H]
        return batchFirst ? Transpose(steps, path, 1, 0, 2) : steps;
    }

    private static (Tensor Example, int? Axis) Example(nn.Module module, Tensor x, RecurrentOutput passes, bool batchFirst, bool bidirectional, int? sequenceAxis)
    {
        Tensor reduced = module switch
        {
            LSTM lstm => RecurrentOutputs.Pass(lstm.call(x, null), passes, batchFirst, bidirectional),
            GRU gru => RecurrentOutputs.Pass(gru.call(x, null!), passes, batchFirst, bidirectional),
            _ => RecurrentOutputs.Pass(((RNN)module).call(x, null), passes, batchFirst, bidirectional),
        };
        return (reduced, passes == RecurrentOutput.AllSteps ? sequenceAxis : null);
    }

    /// <summary>
    /// TorchSharp's RNN does not expose its nonlinearity, so it is read from behaviour: on a one-step sequence the first
    /// layer's state is act(W_ih·x + b_ih + b_hh), compared with tanh and ReLU of the same pre-activation.
    /// </summary>
    private static string RnnActivation(RNN rnn, Tensor x, Dictionary<string, Tensor> p, bool batchFirst, string where)
    {
        var step = batchFirst ? x.narrow(1, 0, 1) : x.narrow(0, 0, 1);
        var (_, h) = rnn.call(step, null);
        var pre = nn.functional.linear(step.reshape(x.shape[batchFirst ? 0 : 1], -1), p["weight_ih_l0"], p.GetValueOrDefault("bias_ih_l0"));
        if (p.TryGetValue("bias_hh_l0", out var bhh))
            pre = pre + bhh;
        var actual = h[0];
        if (actual.allclose(pre.tanh(), 1e-4, 1e-5))
            return "Tanh";
        if (actual.allclose(nn.functional.relu(pre), 1e-4, 1e-5))
            return "Relu";
        throw new OnnxExportException(where, "its nonlinearity is neither tanh nor ReLU.");
    }

    private static Tensor Reorder(Tensor weight, int[] order)
    {
        var blocks = weight.detach().chunk(order.Length, 0);
        return cat(order.Select(i => blocks[i]).ToArray(), 0);
    }

    private static Tensor Bias(Dictionary<string, Tensor> parameters, string name, int[] order, long hidden)
        => parameters.TryGetValue(name, out var bias) ? Reorder(bias, order) : zeros(order.Length * hidden);

    private string Transpose(string x, string path, params long[] perm) => Nodes.Add("Transpose", path, [x], Attr.Ints("perm", perm));

    private string Merge(string x, string path, params long[] shape) => Nodes.Add("Reshape", path, [x, Nodes.Int64s(path + ".shape", shape)]);
}
