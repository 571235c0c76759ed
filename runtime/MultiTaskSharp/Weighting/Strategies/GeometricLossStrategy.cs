using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
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
/// <para><see cref="EffectiveWeights"/> reports the gradient weights <c>G/(T·L_t)</c> of the most recent step (LibMTL's
/// <c>GLS</c> reports <c>L_t/(T·Π L)</c>, which is not the gradient's weight). Each task's weighted term is
/// <c>(G/(T·L_t))·L_t = G/T</c>, so the terms add up to G. No state; cost: plain training, one backward pass.</para>
/// </remarks>
public sealed class GeometricLossStrategy : LossWeighting
{
    private const double SmallestLoss = 1e-30;

    private Tensor? _lastWeights;   // the most recent step's gradient weights, on the device, outside any dispose scope

    /// <summary>Creates GLS.</summary>
    public GeometricLossStrategy() : base(nameof(GeometricLossStrategy))
    {
    }

    /// <summary>The gradient weights <c>G/(T·L_t)</c> of the most recent training step (all 1 before the first).</summary>
    /// <remarks>Copies them from the device.</remarks>
    public override IReadOnlyList<double> EffectiveWeights()
        => _lastWeights is null ? Enumerable.Repeat(1.0, TaskCount).ToArray() : HostReads.Values(_lastWeights);

    /// <inheritdoc />
    public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
    {
        CheckCount(losses);
        return Geometric(losses.ToArray(), Enumerable.Repeat(true, losses.Length).ToArray()).Combined;
    }

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (combined, weights) = Geometric(step.Losses.ToArray(), step.Present.ToArray());
        step.Backward(combined.Total);
        var previous = _lastWeights;
        _lastWeights = weights.DetachFromDisposeScope();
        previous?.Dispose();
        return combined;
    }

    private (WeightedLosses Combined, Tensor Weights) Geometric(Tensor[] losses, bool[] present)
    {
        int count = present.Count(p => p);
        var terms = new Tensor[losses.Length];
        var weights = new Tensor[losses.Length];
        if (count == 0)
        {
            for (int t = 0; t < losses.Length; t++)
            {
                terms[t] = losses[t] * 0.0;
                weights[t] = zeros_like(losses[t]).reshape([]);
            }
            return (new WeightedLosses(Sum(terms), terms), stack(weights));
        }
        var logs = Enumerable.Range(0, losses.Length).Where(t => present[t]).Select(t => losses[t].reshape([]).clamp_min(SmallestLoss).log()).ToArray();
        var geometric = stack(logs).mean().exp();
        for (int t = 0; t < losses.Length; t++)
        {
            if (!present[t])
            {
                terms[t] = losses[t] * 0.0;
                weights[t] = zeros_like(geometric);
                continue;
            }
            // The gradient's weight, detached: the terms show each task's share without a second graph.
            var loss = losses[t].reshape([]);
            weights[t] = (geometric / (loss.clamp_min(SmallestLoss) * count) * loss.ge(SmallestLoss).to(loss.dtype)).detach();
            terms[t] = weights[t] * losses[t];
        }
        return (new WeightedLosses(geometric, terms), stack(weights));
    }
}
