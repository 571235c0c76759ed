using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class GeometricLossStrategyTests
{
    [Fact]
    public void The_total_is_the_geometric_mean_and_each_task_is_weighted_by_G_over_T_L()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        var problem = new LinearTasks([g1, g2]);
        var gls = problem.Attach(new GLS());

        var combined = gls.Backward(problem.Step([2, 8]));

        Assert.Equal(4.0, combined.Total.item<double>(), 12);                // sqrt(2·8)
        double[] weights = [4.0 / (2 * 2), 4.0 / (2 * 8)];                    // ∂G/∂L_t = G/(T·L_t)
        Close(Combine(weights, [g1, g2]), problem.SharedGradient(), 1e-12, "direction");
        Close(weights, gls.EffectiveWeights().ToArray(), 1e-12, "weights");
        Assert.Equal(combined.Total.item<double>(), combined.Terms.Sum(t => t.item<double>()), 12);
    }

    [Fact]
    public void Tasks_the_batch_did_not_label_are_left_out_of_the_mean()
    {
        double[][] g = [[1, 0], [0, 1], [1, 1]];
        var problem = new LinearTasks(g);
        var combined = problem.Attach(new GLS()).Backward(problem.Step([2, 5, 8], present: [true, false, true]));
        Assert.Equal(4.0, combined.Total.item<double>(), 12);
        Close(Combine([1, 0, 0.25], g), problem.SharedGradient(), 1e-12, "direction");
    }

    [Fact]
    public void A_zero_loss_gives_zero_gradients_not_NaN()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        problem.Attach(new GLS()).Backward(problem.Step([0, 8]));
        Assert.All(problem.SharedGradient(), x => Assert.True(double.IsFinite(x)));
    }
}
