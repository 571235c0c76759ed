using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class UPGradTests
{
    private static double[,] Gram(double[][] g)
    {
        var m = new double[g.Length, g.Length];
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < g.Length; j++)
                m[i, j] = Dot(g[i], g[j]);
        return m;
    }

    /// <summary>
    /// The projection's weights by brute force: every choice of the variables at their bound, the others from the
    /// stationarity equations (Gv)_free = 0, keeping the one candidate that satisfies all KKT conditions.
    /// </summary>
    private static double[] ProjectByActiveSets(double[,] g, double[] lower)
    {
        int n = lower.Length;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            var free = Enumerable.Range(0, n).Where(i => (mask >> i & 1) == 1).ToArray();
            var v = lower.ToArray();
            if (free.Length > 0)
            {
                // G_FF v_F = −G_F,B lower_B, by Gaussian elimination.
                var a = new double[free.Length, free.Length + 1];
                for (int r = 0; r < free.Length; r++)
                {
                    for (int c = 0; c < free.Length; c++)
                        a[r, c] = g[free[r], free[c]];
                    a[r, free.Length] = -Enumerable.Range(0, n).Where(j => !free.Contains(j)).Sum(j => g[free[r], j] * lower[j]);
                }
                for (int p = 0; p < free.Length; p++)
                {
                    for (int r = p + 1; r < free.Length; r++)
                    {
                        double f = a[r, p] / a[p, p];
                        for (int c = p; c <= free.Length; c++)
                            a[r, c] -= f * a[p, c];
                    }
                }
                for (int r = free.Length - 1; r >= 0; r--)
                {
                    double sum = a[r, free.Length];
                    for (int c = r + 1; c < free.Length; c++)
                        sum -= a[r, c] * v[free[c]];
                    v[free[r]] = sum / a[r, r];
                }
            }
            var gv = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => g[i, j] * v[j])).ToArray();
            bool feasible = Enumerable.Range(0, n).All(i => v[i] >= lower[i] - 1e-12 && gv[i] >= -1e-12);
            if (feasible)
                return v;
        }
        throw new InvalidOperationException("No KKT point found.");
    }

    [Fact]
    public void Each_projection_satisfies_the_KKT_conditions_of_the_dual_cone_problem()
    {
        double[][] gradients = [[1, 0, 0.2], [-0.8, 1, 0], [0.1, -0.9, 1]];
        var g = UPGradSolver.Regularized(GramMatrix.FromGradients(gradients));
        for (int i = 0; i < 3; i++)
        {
            var lower = new double[3];
            lower[i] = 1.0 / 3;
            var v = UPGradSolver.Project(g, lower);
            var gv = Enumerable.Range(0, 3).Select(r => Enumerable.Range(0, 3).Sum(c => g[r, c] * v[c])).ToArray();
            for (int t = 0; t < 3; t++)
            {
                Assert.True(v[t] >= lower[t] - 1e-12, $"primal feasibility v[{t}]");
                Assert.True(gv[t] >= -1e-10, $"dual feasibility (Gv)[{t}] = {gv[t]}");
                Assert.True(Math.Abs(gv[t] * (v[t] - lower[t])) <= 1e-10, $"complementary slackness at {t}");
            }
            Close(ProjectByActiveSets(g, lower), v, 1e-9, $"projection of task {i}");
        }
    }

    [Fact]
    public void The_update_conflicts_with_no_task_and_is_the_sum_of_the_projections()
    {
        double[][] gradients = [[1, 0, 0.2], [-0.8, 1, 0], [0.1, -0.9, 1]];
        var problem = new LinearTasks(gradients);
        var upgrad = problem.Attach(new UPGrad());
        upgrad.Backward(problem.Step([1, 1, 1]));

        var g = UPGradSolver.Regularized(GramMatrix.FromGradients(gradients));
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            var lower = new double[3];
            lower[i] = 1.0 / 3;
            expected = Add(expected, ProjectByActiveSets(g, lower));
        }
        Close(expected, upgrad.LastCoefficients.ToArray(), 1e-8, "w = Σ_i v(i)");
        var d = problem.SharedGradient();
        Close(Combine(expected, gradients), d, 1e-8, "d = Σ w_t g_t");
        foreach (var gradient in gradients)
            Assert.True(Dot(gradient, d) >= -1e-9, "the update conflicts with a task");
    }

    [Fact]
    public void Without_conflict_it_is_the_mean_of_the_gradients()
    {
        double[][] gradients = [[2, 0], [0, 0.5]];
        var problem = new LinearTasks(gradients);
        problem.Attach(new UPGrad()).Backward(problem.Step([1, 1]));
        Close([1, 0.25], problem.SharedGradient(), 1e-12, "mean of orthogonal gradients");
    }

    [Fact]
    public void Absent_tasks_get_zero_and_the_present_ones_are_projected_among_themselves()
    {
        double[][] gradients = [[1, 0], [5, 5], [-1, 1]];
        var problem = new LinearTasks(gradients);
        var upgrad = problem.Attach(new UPGrad());
        upgrad.Backward(problem.Step([1, 1, 1], present: [true, false, true]));
        // g0 ⟂̸ g2 conflict (−1); over the present pair the weights are those of a two-task problem.
        var g = UPGradSolver.Regularized(GramMatrix.FromGradients(gradients[0], gradients[2]));
        var w = Add(ProjectByActiveSets(g, [0.5, 0]), ProjectByActiveSets(g, [0, 0.5]));
        Close([w[0], 0, w[1]], upgrad.LastCoefficients.ToArray(), 1e-8, "coefficients");
    }
}
