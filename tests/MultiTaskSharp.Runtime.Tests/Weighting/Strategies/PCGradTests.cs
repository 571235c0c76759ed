using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class PCGradTests
{
    [Fact]
    public void Two_conflicting_gradients_are_each_projected_onto_the_others_normal_plane()
    {
        double[] g1 = [1, 0], g2 = [-1, 1];   // g1·g2 = −1: a conflict
        var problem = new LinearTasks([g1, g2], ownGradients: [2, 3]);
        var pcgrad = problem.Attach(new PCGrad(seed: 4));

        pcgrad.Backward(problem.Step([1, 1]));

        // By hand: g1' = g1 − (g1·g2/‖g2‖²) g2 = (½, ½); g2' = g2 − (g2·g1/‖g1‖²) g1 = (0, 1); d = g1' + g2'.
        Close([0.5, 1.5], problem.SharedGradient(), 1e-12, "shared direction");
        Assert.Equal(0.0, Dot(Add(g1, Scale(0.5, g2)), g2), 12);     // g1' is orthogonal to g2
        // Each task's own parameter keeps its own, unweighted gradient.
        Assert.Equal(2.0, problem.OwnGradient(0), 12);
        Assert.Equal(3.0, problem.OwnGradient(1), 12);
    }

    [Fact]
    public void Gradients_without_conflict_are_summed()
    {
        double[] g1 = [1, 0], g2 = [1, 1];
        var problem = new LinearTasks([g1, g2]);
        problem.Attach(new PCGrad()).Backward(problem.Step([1, 1]));
        Close([2, 1], problem.SharedGradient(), 1e-12, "shared direction");
    }

    [Fact]
    public void Three_tasks_follow_the_seeded_visiting_orders()
    {
        double[][] g = [[1, 0], [-1, 1], [-1, -2]];
        // The test data must make the order matter, or the check below could not fail.
        Assert.NotEqual(Naive(g, 0, [1, 2]), Naive(g, 0, [2, 1]));

        var problem = new LinearTasks(g);
        var pcgrad = problem.Attach(new PCGrad(seed: 9));
        for (long step = 0; step < 6; step++)
        {
            var orders = pcgrad.VisitingOrdersAt(step, 3);
            pcgrad.Backward(problem.Step([1, 1, 1]));
            var expected = Add(Enumerable.Range(0, 3).Select(i => Naive(g, i, orders[i])).ToArray());
            Close(expected, problem.SharedGradient(), 1e-12, $"step {step}");
        }
        Assert.Equal(6, pcgrad.Steps);
    }

    [Fact]
    public void The_same_seed_gives_the_same_orders_and_another_seed_other_orders()
    {
        static List<int[][]> Orders(long seed) => Enumerable.Range(0, 20).Select(s => new PCGrad(seed).VisitingOrdersAt(s, 4)).ToList();
        var first = Orders(1);
        Assert.Equal(first.Select(Flatten), Orders(1).Select(Flatten));
        Assert.NotEqual(first.Select(Flatten), Orders(2).Select(Flatten));
        // Orders change from step to step too.
        Assert.True(first.Select(Flatten).Distinct().Count() > 5);

        static string Flatten(int[][] orders) => string.Join("|", orders.Select(o => string.Join(",", o)));
    }

    [Fact]
    public void Representation_gradients_are_refused()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var pcgrad = problem.Attach(new PCGrad());
        pcgrad.Gradients = GradientSource.Representation;
        var error = Assert.Throws<InvalidOperationException>(() => pcgrad.Backward(problem.Step([1, 1])));
        Assert.Contains("parameter gradients only", error.Message);
    }

    /// <summary>PCGrad's g_i^PC for one visiting order, with explicit vectors (the paper's Algorithm 1).</summary>
    private static double[] Naive(double[][] g, int i, int[] order)
    {
        var projected = g[i].ToArray();
        foreach (int j in order)
        {
            double dot = Dot(projected, g[j]);
            if (dot < 0)
                projected = Add(projected, Scale(-dot / Dot(g[j], g[j]), g[j]));
        }
        return projected;
    }
}
