using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Random loss weighting (RLW): each step draws fresh weights <c>λ = softmax(z)</c>, <c>z ~ N(0, I)</c>, and the total
/// loss is <c>Σ λ_t L_t</c> (the weights sum to 1).
/// </summary>
/// <remarks>
/// <para>Paper: Baijiong Lin, Feiyang Ye, Yu Zhang and Ivor W. Tsang, "Reasonable Effectiveness of Random Weighting: A
/// Litmus Test for Multi-Task Learning", TMLR 2022 (the normal distribution, its default; LibMTL's <c>RLW</c>).</para>
/// <para>Reproducibility: the draws are a pure function of (seed, step): <c>z_t</c> is a Box–Muller normal from
/// SplitMix64 bits of (seed, step, t). The only state is the step counter (a host buffer, saved with the model), so
/// a run restored from a checkpoint draws what the original would have drawn next, and no device synchronisation is
/// needed. The same seed gives the same sequence of weights; the global torch seed does not affect it.</para>
/// <para>Cost: plain training, one backward pass.</para>
/// </remarks>
public class RLW : LossWeighting
{
    private readonly long _seed;
    private HostCounter? _steps;

    /// <summary>Creates RLW.</summary>
    /// <param name="seed">The seed of the weight sequence.</param>
    public RLW(long seed = 0) : base(nameof(RLW))
    {
        _seed = seed;
    }

    /// <summary>The seed of the weight sequence.</summary>
    public long Seed => _seed;

    /// <summary>The number of training steps taken so far (the next step's index).</summary>
    public long Steps => _steps?.Value ?? 0;

    /// <summary>The weights of step <paramref name="step"/> (from 0): <c>softmax(z)</c> of that step's normal draws.</summary>
    public IReadOnlyList<double> WeightsAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        int n = TaskCount;
        var z = new double[n];
        for (int t = 0; t < n; t++)
            z[t] = CounterRandom.Normal(_seed, step, t);
        double max = z.Max(), sum = 0;
        var weights = new double[n];
        for (int t = 0; t < n; t++)
            sum += weights[t] = Math.Exp(z[t] - max);
        for (int t = 0; t < n; t++)
            weights[t] /= sum;
        return weights;
    }

    /// <summary>The weights of the most recent step (before the first: those the first step will use).</summary>
    public override IReadOnlyList<double> EffectiveWeights() => WeightsAt(Math.Max(0, Steps - 1));

    /// <inheritdoc />
    protected override TaskWeights Weigh(LossStep step)
        => step.IsTraining ? WeightsAt(_steps!.Increment()).ToArray() : EffectiveWeights().ToArray();

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        register_module(HostState.SubmoduleName, host);
    }
}
