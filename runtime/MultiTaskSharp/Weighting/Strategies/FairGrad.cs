using System;

namespace MultiTaskSharp;

/// <summary>
/// FairGrad: the shared update <c>d = Σ w_t g_t</c> allocates progress among the tasks α-fairly, with
/// <c>g_t·d = w_t^(−1/α)</c> for every task: α → 0 maximises the total improvement, α = 1 is proportional fairness
/// (Nash-MTL's bargaining solution) and α → ∞ max-min fairness.
/// </summary>
/// <remarks>
/// <para>Paper: Hao Ban and Kaiyi Ji, "Fair Resource Allocation in Multi-Task Learning", ICML 2024. Official code:
/// OptMN-Lab/fairgrad; LibMTL's <c>FairGrad</c> is taken from it.</para>
/// <para>Solver: <see cref="FairGradSolver"/> (damped Newton on the equation's convex potential, where the reference
/// minimises the residual with scipy's <c>least_squares</c>). Default α = 1, the reference's and LibMTL's.</para>
/// <para>Where this differs from the reference: the reference backpropagates <c>Σ w_t L_t</c>, so each task's own
/// parameters get <c>w_t</c> times their gradient; here, as for every gradient-based strategy, they get their own task's
/// gradient unweighted.</para>
/// <para>Parameter gradients only (as the reference and LibMTL). Tasks a batch did not label get coefficient 0. No
/// state. Cost per step: one backward pass per present task, the Gram matrix and one copy to the host, a few Newton
/// iterations on a T×T system.</para>
/// </remarks>
public sealed class FairGrad : GradientWeighting
{
    private readonly double _alpha;

    /// <summary>Creates FairGrad.</summary>
    /// <param name="alpha">The fairness α &gt; 0 (1: proportional fairness, the reference's default).</param>
    public FairGrad(double alpha = 1.0) : base(nameof(FairGrad))
    {
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "FairGrad's α must be a finite, positive number.");
        _alpha = alpha;
    }

    /// <summary>The fairness α.</summary>
    public double Alpha => _alpha;

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks) => FairGradSolver.Solve(tasks.GramMatrix, _alpha);
}
