using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Geometric loss strategy (GLS): the total loss is the geometric mean of the task losses,
/// <c>G = (Π_t L_t)^(1/T)</c>. Its gradient weighs each task by <c>∂G/∂L_t = G/(T·L_t)</c>, inversely to the task's
/// current loss, which makes the combination invariant to each loss's scale.
/// </summary>
/// <remarks>
/// <para>Paper: Sumanth Chennupati, Ganesh Sistu, Senthil Yogamani and Samir A. Rawashdeh, "MultiNet++: Multi-Stream
/// Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning", CVPR Workshops 2019.</para>
/// <para>Computed as <c>exp(mean_t log L_t)</c> rather than the product's root, so many tasks cannot underflow the
/// product. Losses must be positive (the logarithm); a loss below 1e-30 is clamped there, which gives that task a
/// zero gradient and weight instead of NaN (it is at its minimum anyway). In a training step, tasks the batch did not label are
/// left out of the mean (their zero loss would make G zero).</para>
/// <para><see cref="LossWeighting.EffectiveWeights"/> reports the gradient weights <c>G/(T·L_t)</c> of the most recent step (LibMTL's
/// <c>GLS</c> reports <c>L_t/(T·Π L)</c>, which is not the gradient's weight). Each task's weighted term is
/// <c>(G/(T·L_t))·L_t = G/T</c>, so the terms add up to G: the total is <c>Σ_t w_t L_t</c> with the weights detached,
/// whose value is G and whose gradient is G's. No state; cost: plain training, one backward pass.</para>
/// </remarks>
public class GLS : LossWeighting
{
    private const double SmallestLoss = 1e-30;

    /// <summary>Creates GLS.</summary>
    public GLS() : base(nameof(GLS))
    {
    }

    /// <summary>The gradient weights <c>G/(T·L_t)</c> of the present tasks (0 for absent ones), from the step's loss values.</summary>
    protected override TaskWeights Weigh(LossStep step)
    {
        var values = step.Values;
        var present = tensor(step.Present.ToArray(), device: values.device);
        int count = step.Present.Count(p => p);
        if (count == 0)
            return TaskWeights.Of(zeros_like(values));
        var clamped = values.clamp_min(SmallestLoss);
        // G = exp(mean of the present tasks' log-losses); absent tasks' logs are masked out of the sum.
        var geometric = (clamped.log().masked_fill(present.logical_not(), 0.0).sum() / count).exp();
        var weights = geometric / (clamped * count) * values.ge(SmallestLoss).to(values.dtype);
        return TaskWeights.Of(weights.masked_fill(present.logical_not(), 0.0));
    }
}
