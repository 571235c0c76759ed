using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// Gradient Vaccine (GradVac): PCGrad's surgery generalised to similarity goals. Each pair of tasks has an adaptive
/// target cosine <c>φ̂_ij</c> (an exponential moving average of the cosines observed); when task i's gradient is less
/// aligned with task j's than the target, j's gradient is mixed in until the cosine reaches it. With targets at 0 it
/// is PCGrad.
/// </summary>
/// <remarks>
/// <para>Paper: Zirui Wang, Yulia Tsvetkov, Orhan Firat and Yuan Cao, "Gradient Vaccine: Investigating and Improving
/// Multi-task Optimization in Massively Multilingual Models", ICLR 2021 (Algorithm 2).</para>
/// <para>Solver: <see cref="GradVacSolver"/> on the Gram matrix. Defaults: β = 0.01, the paper's EMA rate (LibMTL's
/// default is 0.5); the targets start at 0 (the paper, LibMTL). Granularity: the whole shared part (LibMTL's
/// <c>group_type = 0</c>, its default); the paper also reports per-layer goals, not offered here.</para>
/// <para>Visiting orders: per task, a random order of the others, from a <see cref="Random"/> seeded with SplitMix64
/// bits of (seed, step), as <see cref="PCGrad"/>.</para>
/// <para>Parameter gradients only (as LibMTL). Tasks a batch did not label get coefficient 0 and their targets are
/// left alone. State (host buffers, saved with the model): the T×T targets and the step counter. Cost per step: one
/// backward pass per present task, the Gram matrix and one copy to the host.</para>
/// </remarks>
public sealed class GradVac : GradientWeighting
{
    private readonly double _beta;
    private readonly long _seed;
    private HostCounter? _steps;
    private HostVector? _targets;

    /// <summary>Creates GradVac.</summary>
    /// <param name="beta">The EMA rate β ∈ (0, 1] of the similarity targets (the paper's 0.01).</param>
    /// <param name="seed">The seed of the visiting orders.</param>
    public GradVac(double beta = 0.01, long seed = 0) : base(nameof(GradVac))
    {
        if (!double.IsFinite(beta) || beta <= 0 || beta > 1)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "GradVac's β must be in (0, 1].");
        _beta = beta;
        _seed = seed;
    }

    /// <summary>The EMA rate β.</summary>
    public double Beta => _beta;

    /// <summary>The seed of the visiting orders.</summary>
    public long Seed => _seed;

    /// <summary>The similarity targets <c>φ̂_ij</c>, row-major T×T (copied from the host buffer).</summary>
    public IReadOnlyList<double> Targets => _targets?.Read() ?? new double[TaskCount * TaskCount];

    /// <summary>The visiting orders of step <paramref name="step"/> (from 0) for <paramref name="taskCount"/> tasks.</summary>
    public int[][] VisitingOrdersAt(long step, int taskCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return PCGradSolver.VisitingOrders(taskCount, new Random(CounterRandom.RandomSeed(_seed, step)));
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
    {
        int n = TaskCount, p = tasks.Count;
        var all = _targets!.Read();
        var present = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                present[i * p + j] = all[tasks.Indices[i] * n + tasks.Indices[j]];
        var alpha = GradVacSolver.Solve(tasks.GramMatrix, VisitingOrdersAt(_steps!.Increment(), p), present, _beta);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                all[tasks.Indices[i] * n + tasks.Indices[j]] = present[i * p + j];
        _targets.Write(all);
        return alpha;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        _targets = host.Vector("similarity_targets", new double[tasks.Count * tasks.Count]);
        register_module(HostState.SubmoduleName, host);
    }
}
