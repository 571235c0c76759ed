using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// PCGrad's gradient surgery as coefficients: each task gradient is projected onto the normal plane of every
/// other task gradient it conflicts with, and the direction is the sum of the projected gradients,
/// <c>d = Σ_i g_i^PC = Σ_t α_t g_t</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Tianhe Yu, Saurabh Kumar, Abhishek Gupta, Sergey Levine, Karol Hausman and Chelsea Finn,
/// "Gradient Surgery for Multi-Task Learning", NeurIPS 2020 (Algorithm 1). Official code:
/// tianheyu927/PCGrad (TensorFlow).</para>
/// <para>Method, as the paper's Algorithm 1: for each task i, start from <c>g_i^PC = g_i</c> and visit the
/// other tasks j in a random order; when <c>g_i^PC·g_j &lt; 0</c>, set
/// <c>g_i^PC ← g_i^PC − (g_i^PC·g_j / ‖g_j‖²) g_j</c> (the original g_j, not its projection). Every g_i^PC is
/// a linear combination <c>Σ_s C_is g_s</c> of the original gradients, and <c>g_i^PC·g_j = (C M)_ij</c>, so the
/// surgery runs on the coefficient matrix C and M alone; α is C's column sums. This is also LibMTL's
/// <c>batch_weight</c>. The sum (the paper, LibMTL) rather than the mean (an option of Nash-MTL's copy) is
/// returned: divide by T for the mean.</para>
/// <para>Visiting order: the paper samples it per task. The official TensorFlow code shuffles once (and
/// discards the result) and LibMTL's visits every task including i itself (a no-op unless
/// <c>g_i^PC·g_i &lt; 0</c>); this solver visits only the others, in the order from
/// <see cref="VisitingOrders"/>.</para>
/// <para>Degenerate inputs: a zero gradient g_j is skipped (it has no normal plane, and
/// <c>g_i^PC·g_j = 0</c> anyway); the reference instead divides by <c>‖g_j‖² + 1e-8</c>, a scale-dependent
/// guard. Identical gradients never conflict (α = 1 each); exactly opposite ones cancel (d = 0).
/// T = 1: α = [1].</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class PCGradSolver
{
    /// <summary>PCGrad's coefficients with visiting orders drawn from <paramref name="random"/> by <see cref="VisitingOrders"/>.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="random">The source of the visiting orders; seed it for reproducible training.</param>
    public static double[] Solve(GramMatrix gram, Random random)
    {
        ArgumentNullException.ThrowIfNull(gram);
        return Solve(gram, VisitingOrders(gram.TaskCount, random));
    }

    /// <summary>PCGrad's coefficients for explicit visiting orders.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="visitingOrders">For each task i, the other tasks in the order i's gradient is projected against them (each exactly once, i excluded).</param>
    /// <exception cref="ArgumentException">An order is missing, repeats a task, includes i itself or leaves one out.</exception>
    public static double[] Solve(GramMatrix gram, IReadOnlyList<IReadOnlyList<int>> visitingOrders)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(visitingOrders);
        int n = gram.TaskCount;
        CheckOrders(visitingOrders, n);

        var alpha = new double[n];
        var coefficients = new double[n];                          // C's row i: g_i^PC = Σ_s coefficients[s] g_s
        for (int i = 0; i < n; i++)
        {
            Array.Clear(coefficients);
            coefficients[i] = 1.0;
            foreach (int j in visitingOrders[i])
            {
                double squaredNorm = gram[j, j];
                if (squaredNorm <= 0)
                    continue;
                double dot = 0;                                    // g_i^PC · g_j
                for (int s = 0; s < n; s++)
                    dot += coefficients[s] * gram[s, j];
                if (dot < 0)
                    coefficients[j] -= dot / squaredNorm;
            }
            for (int s = 0; s < n; s++)
                alpha[s] += coefficients[s];
        }
        return alpha;
    }

    /// <summary>
    /// The visiting orders <see cref="Solve(GramMatrix, Random)"/> uses: for i = 0 … T−1 in turn, the other
    /// tasks in ascending order, shuffled by <see cref="Random.Shuffle{T}(T[])"/> (one call per task).
    /// </summary>
    public static int[][] VisitingOrders(int taskCount, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        ArgumentNullException.ThrowIfNull(random);
        var orders = new int[taskCount][];
        for (int i = 0; i < taskCount; i++)
        {
            var others = new int[taskCount - 1];
            for (int j = 0, k = 0; j < taskCount; j++)
            {
                if (j != i)
                    others[k++] = j;
            }
            random.Shuffle(others);
            orders[i] = others;
        }
        return orders;
    }

    private static void CheckOrders(IReadOnlyList<IReadOnlyList<int>> orders, int n)
    {
        if (orders.Count != n)
            throw new ArgumentException($"PCGrad needs one visiting order per task ({n}) but got {orders.Count}.", "visitingOrders");
        for (int i = 0; i < n; i++)
        {
            var order = orders[i] ?? throw new ArgumentException($"Visiting order #{i} is null.", "visitingOrders");
            var seen = new bool[n];
            seen[i] = true;
            foreach (int j in order)
            {
                if (j < 0 || j >= n || seen[j])
                    throw new ArgumentException(
                        $"Visiting order #{i} must list every other task (0…{n - 1} except {i}) exactly once but is [{string.Join(", ", order)}].", "visitingOrders");
                seen[j] = true;
            }
            if (order.Count != n - 1)
                throw new ArgumentException(
                    $"Visiting order #{i} must list every other task (0…{n - 1} except {i}) exactly once but is [{string.Join(", ", order)}].", "visitingOrders");
        }
    }
}
