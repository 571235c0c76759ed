using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Weighting.Strategies;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Base;

/// <summary>What the one strategy base guarantees every strategy: declarations as defaults, applied weights, observers.</summary>
public sealed class StrategyBaseTests
{
    [Fact]
    public void The_declared_gradient_source_is_a_default_and_a_value_set_on_the_strategy_wins()
    {
        using var declared = new DeclaredRepresentationModel();
        Assert.Equal(GradientSource.Representation, ((GradientWeighting)declared.LossWeighting).Gradients);

        using var chosen = new UserChosenGradientsModel();
        Assert.Equal(GradientSource.Parameters, ((GradientWeighting)chosen.LossWeighting).Gradients);
    }

    [Fact]
    public void UW_reports_the_weights_the_step_applied_not_those_after_the_optimizer_moved_them()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var uw = problem.Attach(new UW(initialLogVariances: [0.3, -0.4]));
        var optimizer = optim.SGD(uw.parameters(), 0.5);
        var step = problem.Step([2, 0.5]);
        optimizer.zero_grad();
        uw.Backward(step);
        optimizer.step();
        uw.AfterStep(step);

        // The step used ½e^(−s) with s = (0.3, −0.4); the optimizer has since moved s.
        Close([0.5 * Math.Exp(-0.3), 0.5 * Math.Exp(0.4)], uw.EffectiveWeights().ToArray(), 1e-6, "applied weights");
        Assert.NotEqual(0.3, uw.LogVariances()[0], 3);
    }

    [Fact]
    public void GradNorm_takes_its_loss_ratios_against_initial_losses_set_through_the_API()
    {
        double[][] g = [[3, 0], [0, 1]];
        var problem = new LinearTasks(g);
        var gradNorm = problem.Attach(new GradNorm());
        gradNorm.SetInitialLosses(4, 1);
        var weights = gradNorm.get_parameter(GradNorm.ParameterName)!;

        gradNorm.Backward(problem.Step([2, 1]));

        // Ratios L/L(0) = (0.5, 1), not the (1, 1) of a first step taken as L(0); the gradient by hand, w = 1:
        // G = (3, 1), Ḡ = 2, r̃ = r/mean r = (2/3, 4/3), targets Ḡ·r̃^1.5; ∂/∂w_t = sign(G_t − target_t)·‖g_t‖.
        double[] norms = [3, 1], r = [0.5, 1];
        double mean = r.Average();
        var expected = Enumerable.Range(0, 2).Select(t => Math.Sign(norms[t] - 2 * Math.Pow(r[t] / mean, 1.5)) * norms[t]).ToArray();
        Close(expected, weights.grad!.data<float>().Select(x => (double)x).ToArray(), 1e-6, "∂L_grad/∂w");
        Close([4, 1], gradNorm.InitialLosses.ToArray(), 0, "L(0)");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => gradNorm.SetInitialLosses(1, -2));
        Assert.Contains("#1", error.Message);
        Assert.Throws<ArgumentException>(() => gradNorm.SetInitialLosses(1, 2, 3));
    }

    [Fact]
    public void GradNorm_initial_losses_set_before_attaching_are_used_and_checked_against_the_task_count()
    {
        var early = new GradNorm();
        early.SetInitialLosses(4, 1);
        var problem = new LinearTasks([[1.0], [1.0]]);
        problem.Attach(early);
        Close([4, 1], early.InitialLosses.ToArray(), 0, "L(0)");
        var wrong = new GradNorm();
        wrong.SetInitialLosses(1, 2, 3);
        Assert.Throws<ArgumentException>(() => new LinearTasks([[1.0], [1.0]]).Attach(wrong));
    }

    [Fact]
    public void The_gradient_observer_sees_each_task_gradient_and_the_combined_direction_of_the_step()
    {
        double[][] g = [[1, 2], [3, -1], [0, 1]];
        var problem = new LinearTasks(g);
        var pcgrad = problem.Attach(new PCGrad(seed: 1));
        double[]? perTask = null, combined = null;
        IReadOnlyList<double>? coefficients = null;
        pcgrad.GradientObserver = s =>
        {
            perTask = s.PerTask.data<double>().ToArray();
            combined = s.Combined.data<double>().ToArray();
            coefficients = s.Coefficients;
        };

        pcgrad.Backward(problem.Step([1, 1, 1], present: [true, true, false]));

        // The rows are the hand-made gradients (the absent task's is zero); the combined direction is what the
        // optimizer will find on the shared parameter, and it is Σ α_t g_t.
        Close([1, 2, 3, -1, 0, 0], perTask!, 0, "per-task gradients");
        Close(problem.SharedGradient(), combined!, 1e-12, "combined direction");
        Close(Combine(coefficients!.ToArray(), g), combined!, 1e-12, "Σ α_t g_t");
        Assert.Equal(0.0, coefficients![2]);
    }

    [Fact]
    public void A_strategy_written_against_the_earlier_API_still_trains()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
#pragma warning disable CS0618 // the earlier API on purpose
        var loss = problem.Attach(new EarlierLossStrategy());
        var combined = loss.Backward(problem.Step([2, 3]));
        Assert.Equal(2 * 2 + 0.5 * 3, combined.Total.item<double>(), 12);
        Close([2, 0.5], problem.SharedGradient(), 1e-12, "Combine-only strategy");

        var gradient = problem.Attach(new EarlierGradientStrategy());
        gradient.Backward(problem.Step([2, 3]));
        Close([0.25, 4], problem.SharedGradient(), 1e-12, "Coefficients-only strategy");
        Assert.True(gradient.SupportsRepresentationGradients);
#pragma warning restore CS0618
    }

    /// <summary>A loss strategy as written before Weigh existed: Combine and EffectiveWeights only.</summary>
    private sealed class EarlierLossStrategy : LossWeighting
    {
        public EarlierLossStrategy() : base(nameof(EarlierLossStrategy))
        {
        }

        public override IReadOnlyList<double> EffectiveWeights() => [2, 0.5];

        public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
        {
            var terms = new[] { losses[0] * 2.0, losses[1] * 0.5 };
            return new WeightedLosses(terms[0] + terms[1], terms);
        }
    }

    /// <summary>A gradient strategy as written before Solve existed: Coefficients over all tasks, AcceptsRepresentation.</summary>
#pragma warning disable CS0672 // overrides the obsolete members on purpose
    private sealed class EarlierGradientStrategy : GradientWeighting
    {
        public EarlierGradientStrategy() : base(nameof(EarlierGradientStrategy))
        {
        }

        public override bool AcceptsRepresentation => true;

        protected override double[] Coefficients(TaskGradients gradients, TrainingStep step) => [0.25, 4];
    }
#pragma warning restore CS0672
}
