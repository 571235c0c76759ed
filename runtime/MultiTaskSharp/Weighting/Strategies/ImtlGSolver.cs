using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// IMTL-G's impartial coefficients: the α with <c>Σ α_t = 1</c> whose direction <c>d = Σ α_t g_t</c> has the
/// same projection onto every task's unit gradient <c>u_t = g_t/‖g_t‖</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Liyang Liu, Yi Li, Zhanghui Kuang, Jing-Hao Xue, Yimin Chen, Wenming Yang, Qingmin Liao and
/// Wayne Zhang, "Towards Impartial Multi-task Learning", ICLR 2021 (IMTL-G, the gradient part of IMTL).</para>
/// <para>The paper's closed form is <c>α_{2..T} = g_1Uᵀ(DUᵀ)⁻¹</c>, <c>α_1 = 1 − Σ α_{2..T}</c>, with rows
/// <c>D_t = g_1 − g_t</c> and <c>U_t = u_1 − u_t</c>: it solves <c>d·(u_1 − u_t) = 0</c> for t = 2..T. The
/// solver solves the same conditions in a task-symmetric form, through M only: with
/// <c>d·u_t = (Mα)_t/‖g_t‖</c>, find α and the common projection p from
/// <c>(Mα)_t/‖g_t‖ − p = 0</c> for every t and <c>Σ α_t = 1</c>, a (T+1)×(T+1) linear system solved as
/// <c>pinv(A)·b</c> with <c>torch.linalg.pinv</c> (singular values below 1e-12·σ_max dropped; rows scaled by
/// <c>1/max_t ‖g_t‖</c> so the blocks are of comparable size). Whenever the paper's matrix <c>DUᵀ</c> is
/// invertible the two have the same unique solution.</para>
/// <para>Degenerate inputs. The symmetric form is why: when the conditions do not fix α uniquely (identical
/// or linearly dependent gradients) the minimum-norm α is returned, which treats the tasks alike (two
/// identical gradients get ½ each), where the paper's form (and the reference's <c>1e-8·I</c> fallback)
/// would single out task 1. A zero gradient has no direction: its condition is dropped and its coefficient
/// is 0 (the coefficient of a zero gradient does not change d). All gradients zero: α = 1/T. T = 1: α = [1].
/// A gradient counts as zero when <c>‖g_t‖ ≤ 1e-10·max_s ‖g_s‖</c>.</para>
/// <para>Not included: IMTL-L (the learned loss scales) and the reference's combination of both; they act
/// on the losses, not on the gradients' geometry.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ImtlGSolver
{
    // A gradient this much smaller than the largest has no usable direction.
    private const double ZeroNormRatio = 1e-10;

    // Relative cut-off on singular values of the bordered system.
    private const double SingularValueTolerance = 1e-12;

    /// <summary>Computes IMTL-G's coefficients for <paramref name="gram"/>.</summary>
    public static double[] Solve(GramMatrix gram)
    {
        ArgumentNullException.ThrowIfNull(gram);
        int n = gram.TaskCount;
        double maxNorm = Math.Sqrt(gram.MaxSquaredNorm);
        var active = new List<int>();
        for (int t = 0; t < n; t++)
        {
            if (gram.Norm(t) > ZeroNormRatio * maxNorm)
                active.Add(t);
        }
        if (active.Count == 0)
            return Simplex.Uniform(n);

        // Unknowns: α over the active tasks, then p' = p / maxNorm.
        int size = active.Count + 1;
        var system = new double[size, size];
        var rightHandSide = new double[size];
        for (int row = 0; row < active.Count; row++)
        {
            int t = active[row];
            double rowScale = 1.0 / (gram.Norm(t) * maxNorm);
            for (int column = 0; column < active.Count; column++)
                system[row, column] = gram[t, active[column]] * rowScale;
            system[row, active.Count] = -1.0;
        }
        for (int column = 0; column < active.Count; column++)
            system[active.Count, column] = 1.0;
        rightHandSide[active.Count] = 1.0;

        var solution = SmallLinearAlgebra.MinimumNormSolve(system, rightHandSide, SingularValueTolerance);
        var alpha = new double[n];
        for (int row = 0; row < active.Count; row++)
            alpha[active[row]] = solution[row];
        return alpha;
    }
}
