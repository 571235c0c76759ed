using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Fixed weights λ_t: the total loss is <c>Σ λ_t L_t</c>. The default strategy, holding the declared
/// <c>[LossWeight]</c>s. The weights can change between steps (a schedule, or <see cref="SetWeights"/>) without
/// rebuilding anything.
/// </summary>
public sealed class FixedLossWeights : LossWeighting
{
    private double[] _weights;

    /// <param name="weights">One finite, non-negative weight per task, in declaration order.</param>
    public FixedLossWeights(params double[] weights) : base(nameof(FixedLossWeights), weights.Length)
    {
        _weights = Checked(weights);
    }

    /// <summary>The weights, in task order.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Replaces the weights from the next step on (same count, finite, non-negative).</summary>
    public void SetWeights(params double[] weights)
    {
        if (weights.Length != _weights.Length)
            throw new ArgumentException($"Expected {_weights.Length} weights but got {weights.Length}.", nameof(weights));
        _weights = Checked(weights);
    }

    /// <inheritdoc />
    public override IReadOnlyList<double> EffectiveWeights() => _weights;

    /// <inheritdoc />
    protected override TaskWeights Weigh(LossStep step) => _weights;

    private static double[] Checked(double[] weights)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Loss weight #{i} must be a finite, non-negative number.");
        }
        return weights.ToArray();
    }
}
