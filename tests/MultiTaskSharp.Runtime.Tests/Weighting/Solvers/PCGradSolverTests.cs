using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>PCGrad's coefficients reproduce the sum of the projected gradients of the paper's Algorithm 1.</summary>
public sealed class PCGradSolverTests
{
    /// <summary>Algorithm 1 on the vectors themselves: Σ_i g_i^PC for the given visiting orders.</summary>
    private static double[] NaiveSurgery(double[][] g, IReadOnlyList<IReadOnlyList<int>> orders)
    {
        var sum = new double[g[0].Length];
        for (int i = 0; i < g.Length; i++)
        {
            var projected = (double[])g[i].Clone();
            foreach (int j in orders[i])
            {
                double dot = Dot(projected, g[j]);
                if (dot < 0)
                {
                    double factor = dot / Dot(g[j], g[j]);
                    for (int k = 0; k < projected.Length; k++)
                        projected[k] -= factor * g[j][k];
                }
            }
            for (int k = 0; k < sum.Length; k++)
                sum[k] += projected[k];
        }
        return sum;
    }

    [Fact]
    public void Two_conflicting_gradients_match_the_hand_computed_projections()
    {
        // g1·g2 = −1: g1^PC = g1 − (−1/2)g2 = (½, ½) and g2^PC = g2 − (−1/1)g1 = (0, 1); their sum is
        // (½, 3/2) = 2·g1 + 3/2·g2.
        double[][] g = [[1, 0], [-1, 1]];
        var alpha = PCGradSolver.Solve(Gram(g), new Random(0));
        AssertClose([2.0, 1.5], alpha, 1e-15, "α");
        AssertClose([0.5, 1.5], Combine(g, alpha), 1e-15, "d");
    }

    [Fact]
    public void Gradients_without_conflict_are_summed_unchanged()
    {
        AssertClose([1.0, 1.0, 1.0], PCGradSolver.Solve(Gram([[1, 0], [1, 1], [0, 2]]), new Random(0)), 0, "α");
        AssertClose([1.0, 1.0], PCGradSolver.Solve(Gram([[1, -2], [1, -2]]), new Random(0)), 0, "identical");
    }

    [Theory]
    [InlineData(3, 61)]
    [InlineData(4, 62)]
    public void Many_tasks_match_a_naive_vector_implementation_with_the_same_visiting_order(int tasks, int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 10; trial++)
        {
            // Few dimensions make conflicts frequent.
            var g = GradientVectors.Random(random, tasks, 3);
            var orders = PCGradSolver.VisitingOrders(tasks, new Random(trial));
            var alpha = PCGradSolver.Solve(Gram(g), orders);
            AssertClose(NaiveSurgery(g, orders), Combine(g, alpha), 1e-12, $"d (trial {trial})");
            // The Random overload draws exactly these orders.
            AssertClose(alpha, PCGradSolver.Solve(Gram(g), new Random(trial)), 0, $"α from the seeded overload (trial {trial})");
        }
    }

    [Fact]
    public void Visiting_orders_are_the_other_tasks_shuffled_once_per_task()
    {
        var orders = PCGradSolver.VisitingOrders(5, new Random(3));
        var expected = new Random(3);
        for (int i = 0; i < 5; i++)
        {
            var others = Enumerable.Range(0, 5).Where(j => j != i).ToArray();
            expected.Shuffle(others);
            Assert.Equal(others, orders[i]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_coefficients_and_the_order_matters()
    {
        var g = GradientVectors.Random(new Random(63), 4, 2);
        var gram = Gram(g);
        var first = PCGradSolver.Solve(gram, new Random(42));
        Assert.Equal(first, PCGradSolver.Solve(gram, new Random(42)));
        bool anotherSeedDiffers = Enumerable.Range(0, 50).Any(seed => !PCGradSolver.Solve(gram, new Random(seed)).SequenceEqual(first));
        Assert.True(anotherSeedDiffers, "the visiting order never changed the result: the test's gradients do not exercise it");
    }

    [Fact]
    public void A_zero_gradient_is_skipped_and_opposite_gradients_cancel()
    {
        double[][] withZero = [[1, 0], [0, 0], [-1, 1]];
        var alpha = PCGradSolver.Solve(Gram(withZero), new Random(1));
        AssertFinite(alpha, "α");
        Assert.Equal(1.0, alpha[1]);
        AssertClose([0.5, 1.5], Combine(withZero, alpha), 1e-15, "d");

        double[][] opposite = [[2, 1], [-2, -1]];
        var cancelled = PCGradSolver.Solve(Gram(opposite), new Random(1));
        AssertClose([2.0, 2.0], cancelled, 1e-15, "α");
        AssertClose([0.0, 0.0], Combine(opposite, cancelled), 1e-15, "d");

        Assert.Equal([1.0], PCGradSolver.Solve(new GramMatrix(new double[,] { { 2 } }), new Random(1)));
    }

    [Fact]
    public void Malformed_visiting_orders_are_rejected()
    {
        var gram = Gram([[1, 0], [0, 1], [1, 1]]);
        int[][][] bad =
        [
            [[1, 2], [0, 2]],                // one order missing
            [[1, 2], [0, 2], [0, 0]],        // a repeat
            [[0, 1], [0, 2], [0, 1]],        // includes the task itself
            [[1], [0, 2], [0, 1]],           // leaves one out
            [[1, 3], [0, 2], [0, 1]],        // out of range
        ];
        foreach (var orders in bad)
        {
            var error = Assert.Throws<ArgumentException>(() => PCGradSolver.Solve(gram, orders));
            Assert.Equal("visitingOrders", error.ParamName);
        }
    }
}
