namespace MultiTaskSharp.Generator.Shapes.Rules;

/// <summary>
/// LSTM, GRU and RNN. They return a tuple (output, state), so they are never a
/// <c>Module&lt;Tensor, Tensor&gt;</c>: no Sequential, field trunk or head can hold one and a method
/// trunk that picks from the tuple is unknown anyway. The rule describes the output tensor for
/// completeness and for any future reader of method bodies.
/// </summary>
internal static class RecurrentRules
{
    /// <summary>
    /// <c>LSTM(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional)</c>: the
    /// input's last dimension must be inputSize and becomes hiddenSize × (bidirectional ? 2 : 1).
    /// With batchFirst = false the sequence is the batch's first dimension, but only the last
    /// dimension of the tensor changes either way, so the rule holds for both layouts.
    /// </summary>
    public static LayerResult Recurrent(LayerCall call, TensorShape input)
    {
        if (!call["inputSize"].TryInteger(out long inputSize) || !call["hiddenSize"].TryInteger(out long hidden)
            || !SpatialMath.InRange(inputSize, 1) || !SpatialMath.InRange(hidden, 1)
            || !call["bidirectional"].TryBoolean(out bool bidirectional))
            return LayerResult.Unknown;
        // Batched input is [N, L, H] or [L, N, H]; [N, H] would be read as one unbatched sequence.
        if (input.Rank != 2)
            return LayerResult.Mismatch($"{call.Name} expects sequences of shape [L, H] but receives {input}", call.Location);
        var output = input.WithLast(new[] { hidden * (bidirectional ? 2 : 1) });
        return input.Differs(1, inputSize)
            ? LayerResult.Mismatch($"{call.Name} expects {Counted.Of(inputSize, "input feature")} but receives {input[1]}", call.LocationOf("inputSize"), output)
            : LayerResult.Ok(output);
    }
}
