namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>Linear and Embedding: they act on the last dimension only.</summary>
internal static class LinearRules
{
    /// <summary><c>Linear(inputSize, outputSize, ...)</c>: <c>[*, in] → [*, out]</c>.</summary>
    public static LayerResult Linear(LayerCall call, TensorShape input)
    {
        // The Linear(Parameter weight, ...) overload has no constant sizes: its call reads as unknown.
        if (!call["inputSize"].TryInteger(out long inFeatures) || !call["outputSize"].TryInteger(out long outFeatures)
            || !SpatialMath.InRange(inFeatures, 1) || !SpatialMath.InRange(outFeatures, 1))
            return LayerResult.Unknown;
        if (input.Rank == 0)
            return LayerResult.Mismatch($"Linear expects {Counted.Of(inFeatures, "input feature")} in the last dimension but receives a single number per example",
                call.LocationOf("inputSize"));
        var output = input.WithLast(new[] { outFeatures });
        return input.Differs(input.Rank - 1, inFeatures)
            ? LayerResult.Mismatch($"Linear expects {Counted.Of(inFeatures, "input feature")} but receives {input.FromEnd(1)}", call.LocationOf("inputSize"), output)
            : LayerResult.Ok(output);
    }

    /// <summary>Linear on a shape of unknown rank: checks the known last dimension, and yields <c>[…, out]</c>.</summary>
    public static LayerResult LinearOnTrailing(LayerCall call, TensorShape input)
    {
        if (!call["inputSize"].TryInteger(out long inFeatures) || !call["outputSize"].TryInteger(out long outFeatures)
            || !SpatialMath.InRange(inFeatures, 1) || !SpatialMath.InRange(outFeatures, 1))
            return LayerResult.Unknown;
        var output = TensorShape.Trailing(outFeatures);
        var trailing = input.KnownTrailing;
        if (trailing.Count > 0 && trailing[trailing.Count - 1] != TensorShape.UnknownDim && trailing[trailing.Count - 1] != inFeatures)
            return LayerResult.Mismatch($"Linear expects {Counted.Of(inFeatures, "input feature")} but receives {trailing[trailing.Count - 1]}", call.LocationOf("inputSize"), output);
        return LayerResult.Ok(output);
    }

    /// <summary><c>Embedding(num_embeddings, embedding_dims, ...)</c>: indices of any shape gain a last dimension.</summary>
    public static LayerResult Embedding(LayerCall call, TensorShape input)
        => call["embedding_dims"].TryInteger(out long dims) && SpatialMath.InRange(dims, 1)
            ? LayerResult.Ok(input.Append(dims))
            : LayerResult.Unknown;
}
