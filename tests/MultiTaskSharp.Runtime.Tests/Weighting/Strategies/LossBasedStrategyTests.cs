using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>Equal weighting and scheduled weights.</summary>
public sealed class LossBasedStrategyTests
{
    [Fact]
    public void Equal_weighting_sums_the_losses_whatever_the_declared_weights()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        var problem = new LinearTasks([g1, g2]);
        var ew = problem.Attach(new EW(), declaredWeights: [1, 0.5]);
        var combined = ew.Backward(problem.Step([2, 3]));
        Assert.Equal(5.0, combined.Total.item<double>(), 12);
        Close(Add(g1, g2), problem.SharedGradient(), 0, "direction");
        Close([1, 1], ew.EffectiveWeights().ToArray(), 0, "weights");
    }

    [Fact]
    public void Scheduled_weights_follow_the_epoch_and_step_of_each_training_step()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        var problem = new LinearTasks([g1, g2]);
        var seen = new System.Collections.Generic.List<(int, long)>();
        var scheduled = problem.Attach(new ScheduledLossWeights((epoch, step) =>
        {
            seen.Add((epoch, step));
            return [1.0, epoch < 2 ? 0.0 : 0.5 + step];
        }));

        scheduled.Backward(problem.Step([1, 1], epoch: 1));
        Close(g1, problem.SharedGradient(), 0, "epoch 1, step 0");
        scheduled.Backward(problem.Step([1, 1], epoch: 2));
        Close(Add(g1, Scale(1.5, g2)), problem.SharedGradient(), 0, "epoch 2, step 1");
        Assert.Equal([(1, 0L), (2, 1L)], seen);
        Assert.Equal(2, scheduled.Steps);
        Close([1, 1.5], scheduled.EffectiveWeights().ToArray(), 0, "the most recent step's weights");
    }

    [Fact]
    public void A_schedule_that_returns_the_wrong_weights_fails_with_the_epoch_and_step()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var scheduled = problem.Attach(new ScheduledLossWeights((epoch, step) => step == 0 ? [1.0, 1.0] : [1.0]));
        scheduled.Backward(problem.Step([1, 1], epoch: 3));
        var error = Assert.Throws<InvalidOperationException>(() => scheduled.Backward(problem.Step([1, 1], epoch: 3)));
        Assert.Contains("1 weight(s) for epoch 3, step 1", error.Message);

        var negative = new LinearTasks([[1.0, 0], [0, 1.0]]).Attach(ScheduledLossWeights.PerEpoch(e => [1.0, -1.0]));
        error = Assert.Throws<InvalidOperationException>(() => negative.EffectiveWeights());
        Assert.Contains("task 'T1'", error.Message);
    }
}
