using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// Random gradient weighting (RGW): each step draws fresh weights <c>λ = softmax(z)</c>, <c>z ~ N(0, I)</c>, and the
/// shared part moves along <c>Σ λ_t g_t</c>; each task's own parameters get their own task's gradient. RLW's gradient
/// counterpart, the sanity baseline for gradient methods.
/// </summary>
/// <remarks>
/// <para>Paper: Baijiong Lin, Feiyang Ye, Yu Zhang and Ivor W. Tsang, "Reasonable Effectiveness of Random Weighting: A
/// Litmus Test for Multi-Task Learning", TMLR 2022 (LibMTL's <c>RGW</c>).</para>
/// <para>Reproducibility, as <see cref="RLW"/>: <c>z_t</c> is a Box–Muller normal from SplitMix64 bits of (seed, step,
/// t); the step counter is the only state (a host buffer, saved with the model), so a restored run draws what the
/// original would have drawn next. Over the present tasks only: a step draws one z per task and takes the softmax over
/// those the batch labelled.</para>
/// <para>Defined on representation gradients too (as LibMTL). Cost per step: one backward pass per present task and
/// the gradient matrix; no Gram read.</para>
/// </remarks>
[SupportsRepresentationGradients]
public sealed class RGW : GradientWeighting
{
    private readonly long _seed;
    private HostCounter? _steps;

    /// <summary>Creates RGW.</summary>
    /// <param name="seed">The seed of the weight sequence.</param>
    public RGW(long seed = 0) : base(nameof(RGW))
    {
        _seed = seed;
    }

    /// <summary>The seed of the weight sequence.</summary>
    public long Seed => _seed;

    /// <summary>The number of training steps taken so far (the next step's index).</summary>
    public long Steps => _steps?.Value ?? 0;

    /// <summary>The weights of step <paramref name="step"/> (from 0) over <paramref name="present"/> tasks (all by default).</summary>
    public IReadOnlyList<double> WeightsAt(long step, IReadOnlyList<int>? present = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var tasks = present ?? Enumerable.Range(0, TaskCount).ToArray();
        var z = tasks.Select(t => CounterRandom.Normal(_seed, step, t)).ToArray();
        double max = z.Max(), sum = 0;
        var weights = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
            sum += weights[i] = Math.Exp(z[i] - max);
        for (int i = 0; i < z.Length; i++)
            weights[i] /= sum;
        return weights;
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks) => WeightsAt(_steps!.Increment(), tasks.Indices).ToArray();

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        register_module(HostState.SubmoduleName, host);
    }
}
