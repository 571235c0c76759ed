using System;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>MGDA's min-norm solver finds the min-norm point of the gradients' convex hull.</summary>
public sealed class MgdaMinNormSolverTests
{
    /// <summary>The paper's Algorithm 1, written from the vectors: γ = clamp(((g2 − g1)·g2)/‖g1 − g2‖², 0, 1).</summary>
    private static double ClosedForm(double[] g1, double[] g2)
    {
        var difference = new double[g1.Length];
        for (int k = 0; k < g1.Length; k++)
            difference[k] = g1[k] - g2[k];
        var towardsSecond = new double[g1.Length];
        for (int k = 0; k < g1.Length; k++)
            towardsSecond[k] = g2[k] - g1[k];
        return Math.Clamp(Dot(towardsSecond, g2) / Dot(difference, difference), 0, 1);
    }

    [Fact]
    public void Two_tasks_follow_the_closed_form_including_both_clamps()
    {
        var random = new Random(1);
        var cases = new (double[] G1, double[] G2)[]
        {
            ([1, 0], [0, 1]),               // interior: ½
            ([1, 0], [3, 1]),               // g1 is the min-norm point: γ = 1
            ([4, 1], [1, 0.2]),             // g2 is: γ = 0
            ([2, 1], [-1, 0.5]),            // conflicting, interior
        };
        foreach (var (g1, g2) in cases)
            AssertTwoTasks(g1, g2);
        for (int trial = 0; trial < 20; trial++)
        {
            var g = GradientVectors.Random(random, 2, 6, scale: Math.Pow(10, random.Next(-3, 4)));
            AssertTwoTasks(g[0], g[1]);
        }
    }

    private static void AssertTwoTasks(double[] g1, double[] g2)
    {
        double gamma = ClosedForm(g1, g2);
        var solution = MgdaMinNormSolver.Solve(Gram([g1, g2]));
        AssertClose([gamma, 1 - gamma], solution.Weights, 1e-12, "α");
        double expectedNorm = Dot(Combine([g1, g2], [gamma, 1 - gamma]), Combine([g1, g2], [gamma, 1 - gamma]));
        AssertClose(expectedNorm, solution.SquaredNorm, 1e-12 * Math.Max(1, expectedNorm), "‖d‖²");
    }

    [Fact]
    public void Pair_weight_is_the_clamped_closed_form()
    {
        Assert.Equal(0.5, MgdaMinNormSolver.PairWeight(1, 0, 1));
        Assert.Equal(1.0, MgdaMinNormSolver.PairWeight(1, 1, 4));      // v1·v2 ≥ v1·v1: v1 itself
        Assert.Equal(0.0, MgdaMinNormSolver.PairWeight(4, 1, 1));      // v1·v2 ≥ v2·v2: v2 itself
        Assert.Equal(1 / 3.0, MgdaMinNormSolver.PairWeight(4, -2, 1), 15);  // (1 + 2)/(4 + 1 + 4)
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(4, 12)]
    [InlineData(5, 13)]
    [InlineData(6, 14)]
    public void Many_tasks_reach_the_exact_min_norm_found_by_enumerating_faces(int tasks, int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 10; trial++)
        {
            // Few dimensions make conflicts (and solutions inside faces) likely.
            var g = GradientVectors.Random(random, tasks, tasks + 2);
            var gram = Gram(g);
            var (expectedAlpha, expectedNorm) = SimplexReference.MinNormByFaces(gram.ToArray());

            // The reference's settings stop on a small change of α, not at the exact optimum: ‖d‖² is within
            // 1e-6 (it is quadratic in the error of α), α within 1e-3.
            var solution = MgdaMinNormSolver.Solve(gram);
            Assert.All(solution.Weights, w => Assert.True(w >= 0));
            AssertClose(1.0, Sum(solution.Weights), 1e-12, "Σα");
            var d = Combine(g, solution.Weights);
            AssertClose(Dot(d, d), solution.SquaredNorm, 1e-10, "reported ‖d‖²");
            AssertClose(expectedNorm, solution.SquaredNorm, 1e-6 * expectedNorm, $"‖d‖² (trial {trial})");
            AssertClose(expectedAlpha, solution.Weights, 1e-3, $"α (trial {trial})");

            // Run to convergence, the same iteration reaches the optimum itself.
            var converged = MgdaMinNormSolver.Solve(gram, maxIterations: 100_000, stopCriterion: 1e-14);
            AssertClose(expectedAlpha, converged.Weights, 1e-6, $"converged α (trial {trial})");
            AssertKkt(g, converged.Weights, 1e-8 * gram.MaxSquaredNorm);
        }
    }

    /// <summary>
    /// Optimality on the simplex: <c>g_t·d ≥ ‖d‖²</c> for every task, with equality on the support (α_t &gt; 0):
    /// no vertex direction decreases ‖d‖² further.
    /// </summary>
    private static void AssertKkt(double[][] g, double[] alpha, double tolerance)
    {
        var d = Combine(g, alpha);
        double squaredNorm = Dot(d, d);
        for (int t = 0; t < g.Length; t++)
        {
            double projection = Dot(g[t], d);
            Assert.True(projection >= squaredNorm - tolerance, $"g_{t}·d = {projection} < ‖d‖² = {squaredNorm}");
            if (alpha[t] > 1e-6)
                AssertClose(squaredNorm, projection, tolerance, $"g_{t}·d on the support");
        }
    }

    [Fact]
    public void Rank_deficient_gradients_reach_the_nearest_point_of_their_polygon()
    {
        // Five gradients in a plane (rank 2), all in the right half-plane so the origin is outside their hull.
        // The hull is a polygon whose nearest point to the origin lies on a segment between two of them, and
        // every such segment lies in the hull: the min norm is the smallest two-vector min norm over all pairs.
        double[][] g = [[3, 1], [1, 2], [2, -0.5], [4, 3], [1.5, 0.2]];
        double expected = double.PositiveInfinity;
        for (int i = 0; i < g.Length; i++)
        {
            for (int j = i + 1; j < g.Length; j++)
            {
                double gamma = ClosedForm(g[i], g[j]);
                var point = Combine([g[i], g[j]], [gamma, 1 - gamma]);
                expected = Math.Min(expected, Dot(point, point));
            }
        }
        var solution = MgdaMinNormSolver.Solve(Gram(g));
        AssertClose(expected, solution.SquaredNorm, 1e-6 * expected, "‖d‖²");
        AssertClose(1.0, Sum(solution.Weights), 1e-12, "Σα");
        var converged = MgdaMinNormSolver.Solve(Gram(g), maxIterations: 100_000, stopCriterion: 1e-14);
        AssertKkt(g, converged.Weights, 1e-8 * 25);
    }

    [Fact]
    public void Weights_do_not_depend_on_the_gradients_scale()
    {
        var g = GradientVectors.Random(new Random(5), 4, 6);
        var gram = Gram(g);
        var reference = MgdaMinNormSolver.Solve(gram).Weights;
        foreach (double factor in new[] { 1e-12, 1e-4, 1e6, 1e14 })
            AssertClose(reference, MgdaMinNormSolver.Solve(gram.Scale(factor)).Weights, 1e-9, $"α at scale {factor}");
    }

    [Fact]
    public void One_task_has_weight_one()
    {
        var solution = MgdaMinNormSolver.Solve(new GramMatrix(new double[,] { { 4 } }));
        Assert.Equal([1.0], solution.Weights);
        Assert.Equal(4.0, solution.SquaredNorm);
    }

    [Fact]
    public void A_zero_gradient_gives_a_zero_direction()
    {
        double[][] g = [[1, 2, 0], [0, 0, 0], [-1, 1, 3]];
        var solution = MgdaMinNormSolver.Solve(Gram(g));
        AssertFinite(solution.Weights, "α");
        AssertClose(1.0, Sum(solution.Weights), 1e-12, "Σα");
        Assert.Equal(0.0, solution.SquaredNorm, 12);
        Assert.Equal(1.0, solution.Weights[1], 12);
    }

    [Fact]
    public void Opposite_gradients_cancel_with_equal_weights()
    {
        var solution = MgdaMinNormSolver.Solve(Gram([[2, -1], [-2, 1]]));
        AssertClose([0.5, 0.5], solution.Weights, 1e-12, "α");
        Assert.Equal(0.0, solution.SquaredNorm, 12);
    }

    [Fact]
    public void Identical_or_all_zero_gradients_get_uniform_weights()
    {
        var identical = MgdaMinNormSolver.Solve(Gram([[1, 2], [1, 2], [1, 2]]));
        AssertClose([1 / 3.0, 1 / 3.0, 1 / 3.0], identical.Weights, 1e-15, "identical");
        AssertClose(5.0, identical.SquaredNorm, 1e-12, "identical ‖d‖²");
        var zero = MgdaMinNormSolver.Solve(new GramMatrix(new double[3, 3]));
        AssertClose([1 / 3.0, 1 / 3.0, 1 / 3.0], zero.Weights, 1e-15, "zero");
        Assert.Equal(0.0, zero.SquaredNorm);
    }

    [Fact]
    public void Two_identical_gradients_among_others_still_reach_the_min_norm()
    {
        double[][] g = [[1, 0, 0], [1, 0, 0], [-0.5, 1, 0], [0, -0.5, 1]];
        var gram = Gram(g);
        var solution = MgdaMinNormSolver.Solve(gram);
        // The duplicate does not change the hull: the min norm is that of the three distinct gradients.
        var (_, expected) = SimplexReference.MinNormByFaces(Gram([g[0], g[2], g[3]]).ToArray());
        AssertClose(expected, solution.SquaredNorm, 1e-6 * expected, "‖d‖²");
        AssertFinite(solution.Weights, "α");
    }

    [Fact]
    public void Bad_settings_are_rejected_with_their_name()
    {
        var gram = Gram([[1, 0], [0, 1]]);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => MgdaMinNormSolver.Solve(gram, maxIterations: -1)).ParamName);
        Assert.Equal("stopCriterion", Assert.Throws<ArgumentOutOfRangeException>(() => MgdaMinNormSolver.Solve(gram, stopCriterion: double.NaN)).ParamName);
    }
}
