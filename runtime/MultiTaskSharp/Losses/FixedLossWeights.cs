using System;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>Fixed weights λ_t: the total loss is <c>Σ λ_t L_t</c>. The default strategy.</summary>
public sealed class FixedLossWeights : LossWeighting
{
    private readonly double[] _weights;

    /// <param name="weights">One finite, non-negative weight per task, in declaration order.</param>
    public FixedLossWeights(params double[] weights) : base(nameof(FixedLossWeights), weights.Length)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Loss weight #{i} must be a finite, non-negative number.");
        }
        _weights = weights.ToArray();
    }

    /// <summary>The weights, in task order.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <inheritdoc />
    public override WeightedLosses Combine(ReadOnlySpan<torch.Tensor> losses)
    {
        if (losses.Length != _weights.Length)
            throw new ArgumentException($"Expected {_weights.Length} task losses but got {losses.Length}.", nameof(losses));
        var weighted = new torch.Tensor[losses.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            // A weight of exactly 1 keeps the task's loss tensor itself: no extra node in the graph.
            weighted[i] = _weights[i] == 1.0 ? losses[i] : losses[i] * _weights[i];
        }
        return new WeightedLosses(Sum(weighted), weighted);
    }
}
