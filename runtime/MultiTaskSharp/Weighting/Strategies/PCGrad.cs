using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// Projecting conflicting gradients (PCGrad): each task gradient is projected onto the normal plane of every other
/// task gradient it conflicts with (negative dot product), visiting the others in a random order, and the shared part
/// moves along the sum of the projected gradients.
/// </summary>
/// <remarks>
/// <para>Paper: Tianhe Yu, Saurabh Kumar, Abhishek Gupta, Sergey Levine, Karol Hausman and Chelsea Finn, "Gradient
/// Surgery for Multi-Task Learning", NeurIPS 2020 (Algorithm 1). Official code: tianheyu927/PCGrad.</para>
/// <para>Solver: <see cref="PCGradSolver"/>, which runs the surgery on the Gram matrix and returns the coefficients of
/// the original gradients (the projected gradients are linear combinations of them). The direction is the sum of the
/// projected gradients (the paper, LibMTL), so without conflicts PCGrad is equal weighting.</para>
/// <para>Visiting orders: per task, a random order of the other tasks (the paper), drawn by
/// <see cref="PCGradSolver.VisitingOrders"/> from a <see cref="Random"/> seeded with SplitMix64 bits of (seed, step).
/// The only state is the step counter (a host buffer, saved with the model), so a restored run draws the orders the
/// original would have drawn; the same seed gives the same orders.</para>
/// <para>Parameter gradients only: the method is defined on the gradients of the shared parameters (LibMTL rejects
/// representation gradients for it too). Tasks a batch did not label get coefficient 0. Cost per step: one backward
/// pass per present task, the Gram matrix and one copy of it to the host.</para>
/// </remarks>
public sealed class PCGrad : GradientWeighting
{
    private readonly long _seed;
    private HostCounter? _steps;

    /// <summary>Creates PCGrad.</summary>
    /// <param name="seed">The seed of the visiting orders.</param>
    public PCGrad(long seed = 0) : base(nameof(PCGrad))
    {
        _seed = seed;
    }

    /// <summary>The seed of the visiting orders.</summary>
    public long Seed => _seed;

    /// <summary>The number of training steps taken so far.</summary>
    public long Steps => _steps?.Value ?? 0;

    /// <summary>The visiting orders of step <paramref name="step"/> (from 0) for <paramref name="taskCount"/> tasks.</summary>
    public int[][] VisitingOrdersAt(long step, int taskCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return PCGradSolver.VisitingOrders(taskCount, new Random(CounterRandom.RandomSeed(_seed, step)));
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
        => PCGradSolver.Solve(tasks.GramMatrix, VisitingOrdersAt(_steps!.Increment(), tasks.Count));

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        register_module(HostState.SubmoduleName, host);
    }
}
