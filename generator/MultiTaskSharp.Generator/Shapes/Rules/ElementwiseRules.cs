namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>Activations, dropouts and Identity: the output has the input's shape.</summary>
internal static class ElementwiseRules
{
    /// <summary>Layers whose output always has their input's shape, whatever their arguments.</summary>
    public static readonly string[] ShapePreserving =
    {
        "Identity",
        "ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish",
        "Sigmoid", "LogSigmoid", "Hardsigmoid", "Hardswish", "Tanh", "Hardtanh", "Tanhshrink",
        "Softplus", "Softsign", "Softshrink", "Hardshrink", "Threshold",
        "Softmax", "Softmin", "LogSoftmax", "Softmax2d",
        "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
        "LocalResponseNorm",
    };

    public static LayerResult Preserve(LayerCall call, TensorShape input)
    {
        // PReLU with one weight per channel checks the channel count (dimension 1 of the batch; 1 when there is none).
        if (call.Name == "PReLU" && call["num_parameters"].TryInteger(out long weights) && weights > 1)
        {
            if (input.Rank == 0)
                return LayerResult.Mismatch($"PReLU expects {Counted.Of(weights, "channel")} but receives examples without a channel dimension", call.LocationOf("num_parameters"), input);
            if (input.Differs(0, weights))
                return LayerResult.Mismatch($"PReLU expects {Counted.Of(weights, "channel")} but receives {input[0]}", call.LocationOf("num_parameters"), input);
        }
        return LayerResult.Ok(input);
    }

    /// <summary><c>GLU(dim = -1)</c> halves dimension <c>dim</c> (which counts the batch), which must be even.</summary>
    public static LayerResult Glu(LayerCall call, TensorShape input)
    {
        if (!call["dim"].TryInteger(out long dim) || !BatchDims.TryExampleDim(dim, input.Rank, out int index))
            return LayerResult.Unknown;
        long size = input[index];
        if (size == TensorShape.UnknownDim)
            return LayerResult.Ok(input);
        if (size % 2 != 0)
            return LayerResult.Mismatch($"GLU halves dimension {dim}, which must be even but is {size}", call.LocationOf("dim"));
        var dims = new long[input.Rank];
        for (int i = 0; i < dims.Length; i++)
            dims[i] = i == index ? size / 2 : input[i];
        return LayerResult.Ok(TensorShape.Of(dims));
    }
}
