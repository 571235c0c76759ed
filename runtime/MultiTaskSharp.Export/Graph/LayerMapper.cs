using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Graph;

/// <summary>
/// Maps one TorchSharp module (walking <see cref="Sequential"/> children) to ONNX nodes, with initializers from its
/// live weights and buffers, in eval mode: dropout is the identity, batch normalisation uses its running statistics.
/// Every layer the generator's shape checker knows has a mapping here (see <see cref="Mapped"/>); anything else fails
/// with an <see cref="OnnxExportException"/> naming the module's path and type.
/// </summary>
internal sealed class LayerMapper
{
    private readonly OnnxGraphBuilder _graph;

    public LayerMapper(OnnxGraphBuilder graph) => _graph = graph;

    private OnnxNodes Nodes => _graph.Nodes;

    /// <summary>The module types (TorchSharp class names) this mapper exports; the generator's MTL0033 list mirrors it.</summary>
    public static IReadOnlyCollection<string> Mapped { get; } = new SortedSet<string>(StringComparer.Ordinal)
    {
        "Sequential", "Identity", "Linear", "Embedding", "Flatten", "Unflatten",
        "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
        "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LayerNorm", "GroupNorm",
        "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
        "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
        "Upsample", "PixelShuffle", "PixelUnshuffle", "ZeroPad2d",
        "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
        "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
        "Sigmoid", "LogSigmoid", "Hardsigmoid", "Hardswish", "Tanh", "Hardtanh", "Tanhshrink",
        "Softplus", "Softsign", "Softshrink", "Hardshrink", "Threshold", "Softmax", "Softmin", "LogSoftmax", "Softmax2d", "GLU",
    };

    public GraphValue Apply(nn.Module module, string path, GraphValue x)
    {
        string where = $"{path} ({module.GetType().Name})";
        if (module is Sequential sequential)
        {
            foreach (var (name, child) in sequential.named_children())
                x = Apply(child, _graph.PathOf(child, path + "." + name), x);
            return x;
        }
        if (module is not nn.Module<Tensor, Tensor> layer)
            throw new OnnxExportException(where, "it is not a Tensor → Tensor module.");
        if (module is Embedding embedding)
            return Embed(embedding, path, where, x);
        if (x.Example.dtype == ScalarType.Int64)
            throw new OnnxExportException(where, "it reads integer indices: only an Embedding can read them.");

        var y = layer.call(x.Example);
        // TorchSharp 0.107's Hardtanh module returns its input unchanged (the same tensor): the model computes the
        // identity, so the file does too, rather than the clamp the model never applied. Read from behaviour, so a
        // fixed TorchSharp exports the clamp without a change here.
        string? output = module is Hardtanh && ReferenceEquals(y, x.Example) ? Nodes.Add("Identity", path, [x.Name]) : Map(module, path, where, x, y);
        if (output is null)
            throw new OnnxExportException(where, $"{module.GetType().Name} has no ONNX mapping. Layers that export: {string.Join(", ", Mapped)}.");
        if (x.SequenceAxis is not null && !KeepsSequenceAxis(module))
            throw new OnnxExportException(where, "it reshapes a variable-length sequence; only element-wise layers, Linear and LayerNorm can follow a recurrent layer's AllSteps output.");
        return new GraphValue(output, y, x.SequenceAxis);
    }

    private static bool KeepsSequenceAxis(nn.Module m)
        => m is Linear or LayerNorm || Elementwise.Contains(m.GetType().Name);

    private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal)
    {
        "Identity", "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
        "ReLU", "ReLU6", "LeakyReLU", "RReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
        "Sigmoid", "LogSigmoid", "Hardsigmoid", "Hardswish", "Tanh", "Hardtanh", "Tanhshrink",
        "Softplus", "Softsign", "Softshrink", "Hardshrink", "Threshold",
    };

    private string? Map(nn.Module module, string path, string where, GraphValue x, Tensor y)
    {
        string n = x.Name;
        switch (module)
        {
            case Linear linear:
                return LinearNodes(linear, path, x);
            case ConvTranspose1d or ConvTranspose2d or ConvTranspose3d:
                return Convolution((Convolution)module, path, where, x, transposed: true);
            case Convolution conv:
                return Convolution(conv, path, where, x, transposed: false);
            case BatchNorm1d or BatchNorm2d or BatchNorm3d:
                return BatchNorm((BatchNorm)module, path, where, x);
            case InstanceNorm1d or InstanceNorm2d or InstanceNorm3d:
                return InstanceNorm((NormBase)module, path, where, x);
            case LayerNorm norm:
                return LayerNormNodes(norm, path, x);
            case GroupNorm norm:
                return GroupNormNodes(norm, path, x);
            case Flatten or Unflatten:
                return Reshape(module, path, x, y);
            case PixelShuffle shuffle:
                // PyTorch's pixel_shuffle is DepthToSpace in column-row-depth order.
                return Nodes.Add("DepthToSpace", path, [n], Attr.Int("blocksize", shuffle.upscale_factor), Attr.String("mode", "CRD"));
            case PixelUnshuffle:
                return Unshuffle(path, x, y);
            case Upsample upsample:
                return Resize(upsample, path, where, x, y);
            case ZeroPad2d pad:
                return Nodes.Add("Pad", path, [n, Nodes.Int64s(path + ".pads", 0, 0, pad.padding[2], pad.padding[0], 0, 0, pad.padding[3], pad.padding[1])], Attr.String("mode", "constant"));
        }
        return Pooling(module, path, where, x, y) ?? Activation(module, path, where, x);
    }

    private GraphValue Embed(Embedding embedding, string path, string where, GraphValue x)
    {
        var weight = embedding.weight ?? throw new OnnxExportException(where, "it has no weight.");
        if (x.Example.dtype != ScalarType.Int64)
        {
            if (x.Input < 0)
                throw new OnnxExportException(where, "an Embedding must read a model input directly, so that the input can be int64 indices.");
            x = _graph.AsIndexInput(x, weight.shape[0]);
        }
        var y = embedding.call(x.Example);
        var output = Nodes.Add("Gather", path, [Nodes.Weight(path + ".weight", weight), x.Name], Attr.Int("axis", 0));
        return new GraphValue(output, y, x.SequenceAxis);
    }

    private string LinearNodes(Linear linear, string path, GraphValue x)
    {
        var weight = Nodes.Weight(path + ".weight", linear.weight);
        if (x.Rank == 2)
        {
            var inputs = linear.bias is null ? new[] { x.Name, weight } : new[] { x.Name, weight, Nodes.Weight(path + ".bias", linear.bias) };
            return Nodes.Add("Gemm", path, inputs, Attr.Int("transB", 1));
        }
        var product = Nodes.Add("MatMul", path, [x.Name, Nodes.Add("Transpose", path, [weight])]);
        return linear.bias is null ? product : Nodes.Add("Add", path, [product, Nodes.Weight(path + ".bias", linear.bias)]);
    }

    private string Convolution(Convolution conv, string path, string where, GraphValue x, bool transposed)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
            throw new OnnxExportException(where, $"padding mode {conv.padding_mode} has no mapping; only zero padding exports.");
        int spatial = conv.kernel_size.Length;
        var dilation = Spatial(conv.dilation, spatial, 1);
        long[] pads;
        if (conv.padding_type == Padding.Same)
        {
            // PyTorch's 'same': the total padding d·(k − 1), the odd one on the end side.
            var total = conv.kernel_size.Select((k, i) => dilation[i] * (k - 1)).ToArray();
            pads = total.Select(t => t / 2).Concat(total.Select(t => t - t / 2)).ToArray();
        }
        else
        {
            var begin = Spatial(conv.padding, spatial, 0);
            pads = begin.Concat(begin).ToArray();
        }
        var weight = conv.weight ?? throw new OnnxExportException(where, "it has no weight.");
        var inputs = new List<string> { x.Name, Nodes.Weight(path + ".weight", weight) };
        if (conv.bias is not null)
            inputs.Add(Nodes.Weight(path + ".bias", conv.bias));
        var attributes = new List<Onnx.AttributeProto>
        {
            Attr.Ints("kernel_shape", conv.kernel_size), Attr.Ints("strides", Spatial(conv.stride, spatial, 1)),
            Attr.Ints("pads", pads), Attr.Ints("dilations", dilation), Attr.Int("group", conv.groups),
        };
        if (transposed)
            attributes.Add(Attr.Ints("output_padding", Spatial(conv.output_padding, spatial, 0)));
        return Nodes.Add(transposed ? "ConvTranspose" : "Conv", path, inputs, attributes.ToArray());
    }

    private string BatchNorm(BatchNorm norm, string path, string where, GraphValue x)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw new OnnxExportException(where, "it tracks no running statistics, so eval mode normalises with each batch's own: not exportable.");
        long c = norm.num_features;
        var (scale, bias) = Affine(norm.weight, norm.bias, norm.affine, path, c);
        return Nodes.Add("BatchNormalization", path,
            [x.Name, scale, bias, Nodes.Weight(path + ".running_mean", norm.running_mean), Nodes.Weight(path + ".running_var", norm.running_var)],
            Attr.Float("epsilon", norm.eps));
    }

    private string InstanceNorm(NormBase norm, string path, string where, GraphValue x)
    {
        if (norm.running_mean is not null)
            throw new OnnxExportException(where, "instance normalisation with running statistics (track_running_stats) has no mapping.");
        var (scale, bias) = Affine(norm.weight, norm.bias, norm.affine, path, norm.num_features);
        return Nodes.Add("InstanceNormalization", path, [x.Name, scale, bias], Attr.Float("epsilon", norm.eps));
    }

    private (string Scale, string Bias) Affine(Tensor? weight, Tensor? bias, bool affine, string path, long channels)
    {
        string scale = affine && weight is not null ? Nodes.Weight(path + ".weight", weight) : Nodes.Floats(path + ".weight", Enumerable.Repeat(1f, (int)channels).ToArray(), channels);
        string shift = affine && bias is not null ? Nodes.Weight(path + ".bias", bias) : Nodes.Floats(path + ".bias", new float[channels], channels);
        return (scale, shift);
    }

    private string LayerNormNodes(LayerNorm norm, string path, GraphValue x)
    {
        long features = norm.normalized_shape.Aggregate(1L, (a, b) => a * b);
        var scale = norm.weight is not null ? Nodes.Weight(path + ".weight", norm.weight) : Nodes.Floats(path + ".weight", Enumerable.Repeat(1f, (int)features).ToArray(), norm.normalized_shape);
        var inputs = new List<string> { x.Name, scale };
        if (norm.bias is not null)
            inputs.Add(Nodes.Weight(path + ".bias", norm.bias));
        return Nodes.Add("LayerNormalization", path, inputs, Attr.Int("axis", -norm.normalized_shape.Length), Attr.Float("epsilon", norm.eps));
    }

    private string GroupNormNodes(GroupNorm norm, string path, GraphValue x)
    {
        // Opset 17 has no GroupNormalization: [N, C, …] → [N, G, C/G·…], instance-normalised per group (unit scale),
        // back to [N, C, …], then the per-channel affine.
        long groups = norm.num_groups;
        long channels = x.Example.shape[1];
        var grouped = Nodes.Add("Reshape", path, [x.Name, Nodes.Int64s(path + ".grouped", 0, groups, -1)]);
        var normalised = Nodes.Add("InstanceNormalization", path,
            [grouped, Nodes.Floats(path + ".unit", Enumerable.Repeat(1f, (int)groups).ToArray(), groups), Nodes.Floats(path + ".zero", new float[groups], groups)],
            Attr.Float("epsilon", norm.eps));
        var back = Nodes.Add("Reshape", path, [normalised, Nodes.Int64s(path + ".shape", Keep(x.Example.shape))]);
        if (!norm.affine || norm.weight is null)
            return back;
        var broadcast = Enumerable.Repeat(1L, (int)x.Rank - 1).ToArray();
        broadcast[0] = channels;
        using var w = norm.weight.detach().reshape(broadcast);
        var scaled = Nodes.Add("Mul", path, [back, Nodes.Weight(path + ".weight", w)]);
        if (norm.bias is null)
            return scaled;
        using var b = norm.bias.detach().reshape(broadcast);
        return Nodes.Add("Add", path, [scaled, Nodes.Weight(path + ".bias", b)]);
    }

    /// <summary>A reshape to <paramref name="y"/>'s shape with the batch dimension copied (ONNX Reshape's 0).</summary>
    private string Reshape(nn.Module module, string path, GraphValue x, Tensor y)
    {
        if (module is Flatten flatten && (flatten.start_dim == 0 || flatten.start_dim == -x.Rank))
            return Nodes.Add("Reshape", path, [x.Name, Nodes.Int64s(path + ".shape", Enumerable.Repeat(-1L, 1).Concat(y.shape.Skip(1)).ToArray())]);
        return Nodes.Add("Reshape", path, [x.Name, Nodes.Int64s(path + ".shape", Keep(y.shape))]);
    }

    /// <summary>
    /// pixel_unshuffle, the inverse of CRD DepthToSpace (ONNX's SpaceToDepth is DCR):
    /// [N, C, H·r, W·r] → [N, C, H, r, W, r] → [N, C, r, r, H, W] → [N, C·r², H, W].
    /// </summary>
    private string Unshuffle(string path, GraphValue x, Tensor y)
    {
        long c = x.Example.shape[1], h = y.shape[2], w = y.shape[3], r = x.Example.shape[2] / h;
        var split = Nodes.Add("Reshape", path, [x.Name, Nodes.Int64s(path + ".split", 0, c, h, r, w, r)]);
        var moved = Nodes.Add("Transpose", path, [split], Attr.Ints("perm", [0, 1, 3, 5, 2, 4]));
        return Nodes.Add("Reshape", path, [moved, Nodes.Int64s(path + ".shape", Keep(y.shape))]);
    }

    // [N, d1, …] → [0, d1, …]: the batch copied from the input at run time, the rest static.
    private static long[] Keep(long[] shape) => shape.Select((d, i) => i == 0 ? 0L : d).ToArray();

    private string Resize(Upsample upsample, string path, string where, GraphValue x, Tensor y)
    {
        int spatial = (int)x.Rank - 2;
        string mode, transform;
        switch (upsample.mode)
        {
            case UpsampleMode.Nearest:
                return NearestByGather(upsample, path, x);
            case UpsampleMode.Linear or UpsampleMode.Bilinear or UpsampleMode.Trilinear or UpsampleMode.Bicubic:
                mode = upsample.mode == UpsampleMode.Bicubic ? "cubic" : "linear";
                transform = upsample.align_corners == true ? "align_corners" : "pytorch_half_pixel";
                break;
            default:
                throw new OnnxExportException(where, $"upsampling mode {upsample.mode} has no mapping.");
        }
        var attributes = new List<Onnx.AttributeProto> { Attr.String("mode", mode), Attr.String("coordinate_transformation_mode", transform) };
        if (mode == "cubic")
            attributes.Add(Attr.Float("cubic_coeff_a", -0.75));
        var scales = upsample.scale_factor.ToArray();
        if (scales.Length > 0)
        {
            var all = new float[2 + spatial];
            all[0] = all[1] = 1;
            for (int i = 0; i < spatial; i++)
                all[2 + i] = (float)(scales.Length == 1 ? scales[0] : scales[i]);
            return Nodes.Add("Resize", path, [x.Name, "", Nodes.Floats(path + ".scales", all, all.Length)], attributes.ToArray());
        }
        // A target size: [N, C] of the input at run time, then the static spatial size.
        var head = Nodes.Add("Shape", path, [x.Name], Attr.Int("start", 0), Attr.Int("end", 2));
        var sizes = Nodes.Add("Concat", path, [head, Nodes.Int64s(path + ".size", y.shape.Skip(2).ToArray())], Attr.Int("axis", 0));
        return Nodes.Add("Resize", path, [x.Name, "", "", sizes], attributes.ToArray());
    }

    /// <summary>
    /// Nearest upsampling as one Gather per spatial axis, with the source indices the module itself picks: read by
    /// running it on a tensor that holds each position's index. Resize's nearest mode computes the source coordinate
    /// in float arithmetic of its own, which at non-integer ratios (28 → 10) lands on the other side of an integer
    /// than ATen's for some positions; the indices read here are TorchSharp's by construction.
    /// </summary>
    private string NearestByGather(Upsample upsample, string path, GraphValue x)
    {
        var sizes = x.Example.shape.Skip(2).ToArray();
        string result = x.Name;
        for (int axis = 0; axis < sizes.Length; axis++)
        {
            var shape = Enumerable.Repeat(1L, sizes.Length + 2).ToArray();
            shape[2 + axis] = sizes[axis];
            var positions = arange(sizes[axis], dtype: ScalarType.Float32, device: x.Example.device).reshape(shape).expand(x.Example.shape.Select((d, i) => i < 2 ? 1L : d).ToArray());
            using var picked = upsample.call(positions.contiguous()).to(ScalarType.Int64).cpu();
            var index = new long[picked.dim()]; // the line at 0 on every other axis
            var along = new long[picked.shape[2 + axis]];
            for (long i = 0; i < along.Length; i++)
            {
                index[2 + axis] = i;
                along[i] = picked[index.Select(v => TensorIndex.Single(v)).ToArray()].item<long>();
            }
            result = Nodes.Add("Gather", path, [result, Nodes.Int64s(path + ".indices" + axis, along)], Attr.Int("axis", 2 + axis));
        }
        return result;
    }

    private string? Pooling(nn.Module module, string path, string where, GraphValue x, Tensor y)
    {
        int spatial = (int)x.Rank - 2;
        switch (module)
        {
            case MaxPool1d p:
                return Pool("MaxPool", path, x, [p.kernel_size], [p.stride ?? p.kernel_size], [p.padding ?? 0], [p.dilation ?? 1], p.ceil_mode, null);
            case MaxPool2d p:
                return Pool("MaxPool", path, x, p.kernel_size, p.stride ?? p.kernel_size, Spatial(p.padding, 2, 0), Spatial(p.dilation, 2, 1), p.ceil_mode, null);
            case MaxPool3d p:
                return Pool("MaxPool", path, x, p.kernel_size, p.stride ?? p.kernel_size, Spatial(p.padding, 3, 0), Spatial(p.dilation, 3, 1), p.ceil_mode, null);
            case AvgPool1d p:
                return Pool("AveragePool", path, x, [p.kernel_size], [p.stride ?? p.kernel_size], [p.padding ?? 0], null, p.ceil_mode, p.count_include_pad);
            case AvgPool2d p:
                if (p.divisor_override is not null)
                    throw new OnnxExportException(where, "a divisor override has no mapping.");
                return Pool("AveragePool", path, x, p.kernel_size, p.stride ?? p.kernel_size, Spatial(p.padding, 2, 0), null, p.ceil_mode, p.count_include_pad);
            case AvgPool3d p:
                if (p.divisor_override is not null)
                    throw new OnnxExportException(where, "a divisor override has no mapping.");
                return Pool("AveragePool", path, x, p.kernel_size, p.stride ?? p.kernel_size, Spatial(p.padding, 3, 0), null, p.ceil_mode, p.count_include_pad);
            case AdaptiveAvgPool1d or AdaptiveAvgPool2d or AdaptiveAvgPool3d:
                return Adaptive("AveragePool", path, where, x, y, spatial);
            case AdaptiveMaxPool1d or AdaptiveMaxPool2d or AdaptiveMaxPool3d:
                return Adaptive("MaxPool", path, where, x, y, spatial);
        }
        return null;
    }

    private string Pool(string op, string path, GraphValue x, long[] kernel, long[] stride, long[] padding, long[]? dilation, bool ceil, bool? countIncludePad)
    {
        int spatial = kernel.Length;
        var attributes = new List<Onnx.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", Spatial(stride, spatial, 1)),
            Attr.Ints("pads", Spatial(padding, spatial, 0).Concat(Spatial(padding, spatial, 0))), Attr.Int("ceil_mode", ceil ? 1 : 0),
        };
        if (dilation is not null)
            attributes.Add(Attr.Ints("dilations", Spatial(dilation, spatial, 1)));
        if (countIncludePad is bool include)
            attributes.Add(Attr.Int("count_include_pad", include ? 1 : 0));
        return Nodes.Add(op, path, [x.Name], attributes.ToArray());
    }

    /// <summary>Adaptive pooling: global when the output is 1, else a fixed window where the input divides evenly.</summary>
    private string Adaptive(string op, string path, string where, GraphValue x, Tensor y, int spatial)
    {
        var input = x.Example.shape.Skip(2).ToArray();
        var output = y.shape.Skip(2).ToArray();
        if (output.All(o => o == 1))
            return Nodes.Add(op == "MaxPool" ? "GlobalMaxPool" : "GlobalAveragePool", path, [x.Name]);
        if (input.Zip(output, (i, o) => i % o).Any(r => r != 0))
        {
            throw new OnnxExportException(where,
                $"adaptive pooling from {string.Join("×", input)} to {string.Join("×", output)} uses uneven windows, which ONNX pooling cannot express; make the input size a multiple of the output size.");
        }
        var window = input.Zip(output, (i, o) => i / o).ToArray();
        return Pool(op, path, x, window, window, new long[spatial], null, false, op == "AveragePool" ? false : null);
    }

    private string? Activation(nn.Module module, string path, string where, GraphValue x)
    {
        string n = x.Name;
        string One(string op, params Onnx.AttributeProto[] a) => Nodes.Add(op, path, [n], a);
        string Scalar(string name, double v) => Nodes.Scalar(path + "." + name, v);
        long Axis(long dim) => dim < 0 ? dim + x.Rank : dim;
        switch (module)
        {
            case Identity or Dropout or Dropout1d or Dropout2d or Dropout3d or AlphaDropout or FeatureAlphaDropout:
                return One("Identity");
            case ReLU: return One("Relu");
            case ReLU6: return Nodes.Add("Clip", path, [n, Scalar("min", 0), Scalar("max", 6)]);
            case LeakyReLU m: return One("LeakyRelu", Attr.Float("alpha", m.negative_slope));
            // RReLU in eval mode: the fixed slope (lower + upper) / 2.
            case RReLU m: return One("LeakyRelu", Attr.Float("alpha", (m.lower + m.upper) / 2));
            case ELU m: return One("Elu", Attr.Float("alpha", m.alpha));
            case CELU m: return One("Celu", Attr.Float("alpha", m.alpha));
            case SELU: return One("Selu");
            case Sigmoid: return One("Sigmoid");
            case Tanh: return One("Tanh");
            case Softsign: return One("Softsign");
            case Hardswish: return One("HardSwish");
            case Hardsigmoid: return One("HardSigmoid", Attr.Float("alpha", 1.0 / 6), Attr.Float("beta", 0.5));
            case Hardtanh m: return Nodes.Add("Clip", path, [n, Scalar("min", m.min_val), Scalar("max", m.max_val)]);
            case SiLU: return Nodes.Add("Mul", path, [n, One("Sigmoid")]);
            case Mish: return Nodes.Add("Mul", path, [n, Nodes.Add("Tanh", path, [One("Softplus")])]);
            case Tanhshrink: return Nodes.Add("Sub", path, [n, One("Tanh")]);
            case LogSigmoid: return Nodes.Add("Neg", path, [Nodes.Add("Softplus", path, [One("Neg")])]);
            case Hardshrink m: return One("Shrink", Attr.Float("lambd", m.lambda), Attr.Float("bias", 0));
            case Softshrink m: return One("Shrink", Attr.Float("lambd", m.lambda), Attr.Float("bias", m.lambda));
            case Threshold m: return Nodes.Add("Where", path, [Nodes.Add("Greater", path, [n, Scalar("threshold", m.threshold)]), n, Scalar("value", m.value)]);
            case Softplus m:
            {
                // PyTorch: x where β·x > threshold, else log(1 + exp(β·x)) / β.
                var scaled = Nodes.Add("Mul", path, [n, Scalar("beta", m.beta)]);
                var soft = Nodes.Add("Div", path, [Nodes.Add("Softplus", path, [scaled]), Scalar("beta", m.beta)]);
                return Nodes.Add("Where", path, [Nodes.Add("Greater", path, [scaled, Scalar("threshold", m.threshold)]), n, soft]);
            }
            case GELU m:
            {
                var half = Nodes.Add("Mul", path, [n, Scalar("half", 0.5)]);
                string inner;
                if (m.approximate == GELU.Approximate.tanh)
                {
                    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
                    var cube = Nodes.Add("Mul", path, [Nodes.Add("Mul", path, [n, n]), n]);
                    var sum = Nodes.Add("Add", path, [n, Nodes.Add("Mul", path, [cube, Scalar("c", 0.044715)])]);
                    inner = Nodes.Add("Tanh", path, [Nodes.Add("Mul", path, [sum, Scalar("k", Math.Sqrt(2 / Math.PI))])]);
                }
                else
                {
                    // 0.5·x·(1 + erf(x / √2))
                    inner = Nodes.Add("Erf", path, [Nodes.Add("Div", path, [n, Scalar("sqrt2", Math.Sqrt(2))])]);
                }
                return Nodes.Add("Mul", path, [half, Nodes.Add("Add", path, [inner, Scalar("one", 1)])]);
            }
            case Softmax m: return One("Softmax", Attr.Int("axis", Axis(m.dim)));
            case LogSoftmax m: return One("LogSoftmax", Attr.Int("axis", Axis(m.dim)));
            case Softmin m: return Nodes.Add("Softmax", path, [One("Neg")], Attr.Int("axis", Axis(m.dim)));
            case Softmax2d: return One("Softmax", Attr.Int("axis", x.Rank - 3));
            case GLU m:
            {
                var halves = Nodes.AddMany("Split", path, [n], 2, Attr.Int("axis", Axis(m.dim)));
                return Nodes.Add("Mul", path, [halves[0], Nodes.Add("Sigmoid", path, [halves[1]])]);
            }
            case PReLU m:
            {
                var weight = m.named_parameters().First().parameter;
                var shape = Enumerable.Repeat(1L, Math.Max(1, (int)x.Rank - 1)).ToArray();
                shape[0] = weight.numel();
                using var slope = weight.detach().reshape(shape);
                return Nodes.Add("PRelu", path, [n, Nodes.Weight(path + ".weight", slope)]);
            }
        }
        return null;
    }

    private static long[] Spatial(long[]? values, int count, long fallback)
        => values is null || values.Length == 0 ? Enumerable.Repeat(fallback, count).ToArray()
            : values.Length == 1 && count > 1 ? Enumerable.Repeat(values[0], count).ToArray() : values;
}
