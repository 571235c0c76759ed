using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class RGWTests
{
    [Fact]
    public void The_shared_part_moves_along_random_convex_weights_and_heads_keep_their_own_gradient()
    {
        double[][] g = [[1, 0], [0, 1], [1, 1]];
        var problem = new LinearTasks(g, ownGradients: [2, 3, 4]);
        var rgw = problem.Attach(new RGW(seed: 9));
        var first = rgw.WeightsAt(0).ToArray();
        rgw.Backward(problem.Step([1, 1, 1]));

        Assert.All(first, w => Assert.True(w > 0));
        Assert.Equal(1.0, first.Sum(), 12);
        Close(Combine(first, g), problem.SharedGradient(), 1e-12, "d = Σ λ_t g_t");
        Close([2, 3, 4], Enumerable.Range(0, 3).Select(problem.OwnGradient).ToArray(), 0, "own gradients, unweighted");
        Assert.Equal(1, rgw.Steps);
        Assert.NotEqual(first, rgw.WeightsAt(1).ToArray());
        Assert.Equal(first, new RGW(seed: 9).Also(s => new LinearTasks(g).Attach(s)).WeightsAt(0).ToArray());
    }

    [Fact]
    public void Over_present_tasks_the_softmax_keeps_the_draws_ratios()
    {
        double[][] g = [[1, 0], [0, 1], [1, 1]];
        var problem = new LinearTasks(g);
        var rgw = problem.Attach(new RGW(seed: 2));
        var all = rgw.WeightsAt(0).ToArray();
        rgw.Backward(problem.Step([1, 1, 1], present: [true, false, true]));
        var weights = rgw.LastCoefficients.ToArray();
        Assert.Equal(0.0, weights[1]);
        Assert.Equal(1.0, weights[0] + weights[2], 12);
        Assert.Equal(all[0] / all[2], weights[0] / weights[2], 10);   // exp(z0 − z2) either way
    }
}

internal static class Fluent
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
