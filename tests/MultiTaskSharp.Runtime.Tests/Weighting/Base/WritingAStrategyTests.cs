using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Weighting.Strategies;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Base;

/// <summary>The two strategies of docs/weighting.md's "Writing a strategy": each is its method alone, and it works.</summary>
public sealed class WritingAStrategyTests
{
    public sealed class InverseLoss() : LossWeighting(nameof(InverseLoss))
    {
        protected override TaskWeights Weigh(LossStep step) => TaskWeights.Of(1.0 / (step.Values + 1e-8));
    }

    [SupportsRepresentationGradients]
    public sealed class NormalizedSum() : GradientWeighting(nameof(NormalizedSum))
    {
        protected override GradientUpdate Solve(PresentTasks tasks)
            => Enumerable.Range(0, tasks.Count).Select(i => 1 / Math.Sqrt(tasks.Gram[i, i] + 1e-12)).ToArray();
    }

    [Fact]
    public void The_loss_based_example_weighs_each_task_by_its_inverse_loss()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var strategy = problem.Attach(new InverseLoss());
        strategy.Backward(problem.Step([2, 4]));
        Close([0.5, 0.25], problem.SharedGradient(), 1e-6, "shared gradient");
        Close([0.5, 0.25], strategy.EffectiveWeights().ToArray(), 1e-6, "weights");
    }

    [Fact]
    public void The_gradient_based_example_sums_the_unit_gradients_of_the_present_tasks()
    {
        double[][] g = [[3, 4], [0, 2], [1, 1]];
        var problem = new LinearTasks(g);
        var strategy = problem.Attach(new NormalizedSum());
        strategy.Backward(problem.Step([1, 1, 1], present: [true, false, true]));
        Close(Add(Scale(1 / 5.0, g[0]), Scale(1 / Math.Sqrt(2), g[2])), problem.SharedGradient(), 1e-9, "Σ g_t/‖g_t‖ over present tasks");
        Close([0.2, 0, 1 / Math.Sqrt(2)], strategy.LastCoefficients.ToArray(), 1e-9, "coefficients, 0 for the absent task");
        Assert.True(strategy.SupportsRepresentationGradients);
    }
}
