using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>CAGrad's solver minimises the dual objective and returns the coefficients of the optimal direction.</summary>
public sealed class CAGradSolverTests
{
    private static double[] Average(double[][] g) => Combine(g, Enumerable.Repeat(1.0 / g.Length, g.Length).ToArray());

    /// <summary>The dual objective F(w) = g_w·g0 + c‖g0‖‖g_w‖, from the vectors.</summary>
    private static double Objective(double[][] g, double[] w, double c)
    {
        var g0 = Average(g);
        var gw = Combine(g, w);
        return Dot(gw, g0) + c * Norm(g0) * Norm(gw);
    }

    /// <summary>
    /// F as a function of w from precomputed dot products (the test's own, from the vectors): the grid searches
    /// evaluate it hundreds of thousands of times.
    /// </summary>
    private static Func<double[], double> FastObjective(double[][] g, double c)
    {
        int n = g.Length;
        var g0 = Average(g);
        var towardsAverage = g.Select(v => Dot(v, g0)).ToArray();
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                m[i, j] = Dot(g[i], g[j]);
        double radius = c * Norm(g0);
        return w => towardsAverage.Select((a, t) => a * w[t]).Sum() + radius * Math.Sqrt(Math.Max(0, SimplexReference.Quadratic(m, w)));
    }

    /// <summary>The paper's direction for weights w: d = g0 + c‖g0‖ g_w/‖g_w‖ (before rescaling).</summary>
    private static double[] Direction(double[][] g, double[] w, double c)
    {
        var g0 = Average(g);
        var gw = Combine(g, w);
        double lambda = c * Norm(g0) / Norm(gw);
        return g0.Select((value, k) => value + lambda * gw[k]).ToArray();
    }

    [Theory]
    [InlineData(2, 21)]
    [InlineData(3, 22)]
    public void The_solution_is_at_least_as_good_as_a_fine_simplex_grid(int tasks, int seed)
    {
        var random = new Random(seed);
        const double c = 0.5;
        for (int trial = 0; trial < 6; trial++)
        {
            var g = GradientVectors.Random(random, tasks, 4);
            var solution = CAGradSolver.Solve(Gram(g));
            Assert.True(solution.Converged, $"gap {solution.DualityGap} after {solution.Iterations} iterations");

            int divisions = tasks == 2 ? 20_000 : 600;
            var (gridW, gridBest) = SimplexReference.GridMinimum(tasks, divisions, FastObjective(g, c));
            double found = Objective(g, solution.SimplexWeights, c);
            double scale = g.Max(v => Dot(v, v));
            Assert.True(found <= gridBest + 1e-10 * scale, $"F(w) = {found} above the grid's best {gridBest} (trial {trial})");
            Assert.True(gridBest - found < 1e-3 * scale, $"grid's best {gridBest} far above F(w) = {found}: the grid is too coarse to check");
            AssertClose(gridW, solution.SimplexWeights, 3.0 / divisions + 1e-3, $"w (trial {trial})");

            // The coefficients give the paper's direction, divided by 1 + c² (the default rescale).
            var expected = Direction(g, solution.SimplexWeights, c).Select(v => v / (1 + c * c)).ToArray();
            AssertClose(expected, Combine(g, solution.Coefficients), 1e-9 * Math.Sqrt(scale), $"d (trial {trial})");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void The_direction_is_primal_optimal_by_strong_duality(int tasks)
    {
        // The primal: maximise min_t g_t·d over the ball ‖d − g0‖ ≤ c‖g0‖. For every feasible d and every w,
        // min_t g_t·d ≤ F(w); a feasible d reaching F(w) is therefore optimal (and so is w).
        var random = new Random(300 + tasks);
        foreach (double c in new[] { 0.2, 0.5, 0.9 })
        {
            for (int trial = 0; trial < 5; trial++)
            {
                var g = GradientVectors.Random(random, tasks, tasks + 2);
                var solution = CAGradSolver.Solve(Gram(g), new CAGradOptions { C = c, Rescale = CAGradRescale.None });
                var d = Combine(g, solution.Coefficients);
                var g0 = Average(g);
                double radius = Norm(d.Select((v, k) => v - g0[k]).ToArray());
                double worst = g.Min(v => Dot(v, d));
                double scale = g.Max(v => Dot(v, v));
                AssertClose(c * Norm(g0), radius, 1e-9 * Math.Sqrt(scale), $"‖d − g0‖ (c {c}, trial {trial})");
                AssertClose(Objective(g, solution.SimplexWeights, c), worst, 1e-7 * scale, $"min_t g_t·d against F(w) (c {c}, trial {trial})");
            }
        }
    }

    [Fact]
    public void Rescale_divides_the_direction_as_the_reference()
    {
        var gram = Gram(GradientVectors.Random(new Random(4), 3, 5));
        const double c = 0.4;
        var none = CAGradSolver.Solve(gram, new CAGradOptions { C = c, Rescale = CAGradRescale.None }).Coefficients;
        var squared = CAGradSolver.Solve(gram, new CAGradOptions { C = c, Rescale = CAGradRescale.OnePlusCSquared }).Coefficients;
        var linear = CAGradSolver.Solve(gram, new CAGradOptions { C = c, Rescale = CAGradRescale.OnePlusC }).Coefficients;
        AssertClose(none.Select(a => a / (1 + c * c)).ToArray(), squared, 1e-15, "rescale 1");
        AssertClose(none.Select(a => a / (1 + c)).ToArray(), linear, 1e-15, "rescale 2");
    }

    [Fact]
    public void Coefficients_do_not_depend_on_the_gradients_scale()
    {
        var gram = Gram(GradientVectors.Random(new Random(5), 4, 6));
        var reference = CAGradSolver.Solve(gram).Coefficients;
        foreach (double factor in new[] { 1e-12, 1e6 })
            AssertClose(reference, CAGradSolver.Solve(gram.Scale(factor)).Coefficients, 1e-7, $"α at scale {factor}");
    }

    [Fact]
    public void A_zero_gradient_among_conflicting_ones_still_gives_the_optimal_direction()
    {
        // g2 opposes the mean strongly enough that min F < 0 is reached away from the zero gradient's vertex.
        double[][] g = [[0, 0], [1, 0.1], [-3, 0.2]];
        var solution = CAGradSolver.Solve(Gram(g), new CAGradOptions { Rescale = CAGradRescale.None });
        AssertFinite(solution.Coefficients, "α");
        var d = Combine(g, solution.Coefficients);
        AssertClose(Objective(g, solution.SimplexWeights, 0.5), g.Min(v => Dot(v, d)), 1e-7, "min_t g_t·d against F(w)");
        var (_, gridBest) = SimplexReference.GridMinimum(3, 600, FastObjective(g, 0.5));
        Assert.True(Objective(g, solution.SimplexWeights, 0.5) <= gridBest + 1e-9);
    }

    [Fact]
    public void A_pareto_stationary_point_gives_the_average_gradient()
    {
        // ½g1 + ½g2 = 0 minimises F (F ≥ 0 = F(½, ½, 0)): g_w = 0 has no direction, so λ = 0 and d = g0.
        double[][] g = [[1, 0], [-1, 0], [0, 1]];
        var solution = CAGradSolver.Solve(Gram(g));
        Assert.Equal(0.0, solution.Lambda);
        AssertClose([1 / 3.0 / 1.25, 1 / 3.0 / 1.25, 1 / 3.0 / 1.25], solution.Coefficients, 1e-15, "α");
    }

    [Fact]
    public void A_zero_average_gradient_or_c_zero_gives_the_average_gradient()
    {
        var cancelling = CAGradSolver.Solve(Gram([[1, 2], [-1, -2]]));
        AssertClose([0.5 / 1.25, 0.5 / 1.25], cancelling.Coefficients, 1e-15, "g0 = 0");
        var plain = CAGradSolver.Solve(Gram(GradientVectors.Random(new Random(6), 3, 4)), new CAGradOptions { C = 0 });
        AssertClose([1 / 3.0, 1 / 3.0, 1 / 3.0], plain.Coefficients, 1e-15, "c = 0");
    }

    [Fact]
    public void Identical_gradients_and_one_task_give_one_plus_c_times_the_gradient()
    {
        const double c = 0.5;
        double[][] g = [[1, 2], [1, 2]];
        var identical = CAGradSolver.Solve(Gram(g));
        AssertClose([1.5 / 1.25, 3.0 / 1.25], Combine(g, identical.Coefficients), 1e-12, "d for identical gradients");
        var one = CAGradSolver.Solve(new GramMatrix(new double[,] { { 9 } }));
        AssertClose((1 + c) / (1 + c * c), one.Coefficients[0], 1e-15, "T = 1");
    }

    [Fact]
    public void Bad_options_are_rejected_with_their_name()
    {
        var gram = new GramMatrix(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal("C", Assert.Throws<ArgumentOutOfRangeException>(() => CAGradSolver.Solve(gram, new CAGradOptions { C = -0.1 })).ParamName);
        Assert.Equal("Rescale", Assert.Throws<ArgumentOutOfRangeException>(() => CAGradSolver.Solve(gram, new CAGradOptions { Rescale = (CAGradRescale)3 })).ParamName);
    }
}
