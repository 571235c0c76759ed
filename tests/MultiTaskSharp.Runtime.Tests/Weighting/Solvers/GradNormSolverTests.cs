using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>GradNorm's weight gradient is what autograd computes for the same loss, with the target held constant.</summary>
public sealed class GradNormSolverTests
{
    /// <summary>L_grad and ∂L_grad/∂w by torch autograd, from the explicit gradients.</summary>
    private static (double Loss, double[] Gradient) Autograd(double[] weights, double[][] g, double[] lossRatios, double alpha)
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(weights, torch.ScalarType.Float64).requires_grad_(true);
        var gradients = torch.tensor(g.SelectMany(row => row).ToArray(), torch.ScalarType.Float64).reshape(g.Length, g[0].Length);
        var weightedNorms = (w.unsqueeze(1) * gradients).pow(2).sum(1).sqrt();   // G_t = ‖w_t g_t‖
        var ratios = torch.tensor(lossRatios, torch.ScalarType.Float64);
        var relative = ratios / ratios.mean();
        var target = (weightedNorms.mean() * relative.pow(alpha)).detach();
        var loss = (weightedNorms - target).abs().sum();
        loss.backward();
        return (loss.item<double>(), w.grad!.data<double>().ToArray());
    }

    [Theory]
    [InlineData(2, 1.5)]
    [InlineData(3, 1.5)]
    [InlineData(5, 0.5)]
    [InlineData(5, 3.0)]
    public void The_weight_gradient_matches_torch_autograd(int tasks, double alpha)
    {
        var random = new Random(700 + tasks);
        for (int trial = 0; trial < 5; trial++)
        {
            var g = GradientVectors.Random(random, tasks, 6, scale: Math.Pow(10, random.Next(-2, 2)));
            var weights = GradNormSolver.Renormalize(Enumerable.Range(0, tasks).Select(_ => 0.2 + random.NextDouble()).ToArray());
            var ratios = Enumerable.Range(0, tasks).Select(_ => 0.3 + random.NextDouble()).ToArray();

            var (expectedLoss, expectedGradient) = Autograd(weights, g, ratios, alpha);
            var gram = Gram(g);
            var gradient = GradNormSolver.WeightGradient(weights, gram, ratios, alpha);
            AssertClose(expectedGradient, gradient, 1e-12 * expectedGradient.Max(Math.Abs), $"∂L/∂w (trial {trial})");
            var norms = Enumerable.Range(0, tasks).Select(gram.Norm).ToArray();
            AssertClose(expectedLoss, GradNormSolver.Loss(weights, norms, ratios, alpha), 1e-12 * expectedLoss, $"L_grad (trial {trial})");
        }
    }

    [Fact]
    public void Renormalize_rescales_to_the_task_count_and_handles_negative_and_zero_weights()
    {
        AssertClose([0.5, 1.0, 1.5], GradNormSolver.Renormalize([1, 2, 3]), 1e-15, "proportional");
        AssertClose([0.0, 2.0], GradNormSolver.Renormalize([-0.3, 0.7]), 1e-15, "negative clamped");
        Assert.Equal([1.0, 1.0, 1.0], GradNormSolver.Renormalize([0, -1, 0]));
    }

    [Fact]
    public void A_zero_gradient_does_not_move_its_weight_and_zero_ratios_count_as_equal_rates()
    {
        // Task 1 has a zero gradient: its weighted norm is 0 whatever its weight.
        var gradient = GradNormSolver.WeightGradient([1.0, 1.0], [2.0, 0.0], [1.0, 1.0]);
        Assert.Equal(0.0, gradient[1]);
        // Ḡ = 1, target 1 for both: task 0's norm 2 is above it, so the gradient is +‖g_0‖.
        Assert.Equal(2.0, gradient[0]);

        // All ratios zero: every r_t is 1, so the targets are Ḡ = 2 and the tasks at 1 and 3 pull opposite ways.
        var equalRates = GradNormSolver.WeightGradient([1.0, 1.0], [1.0, 3.0], [0.0, 0.0]);
        Assert.Equal([-1.0, 3.0], equalRates);
    }

    [Fact]
    public void One_task_is_always_on_target()
    {
        // Ḡ = w‖g‖ and r = 1: the target is the task's own norm, so neither loss nor gradient.
        Assert.Equal([0.0], GradNormSolver.WeightGradient([1.0], [3.0], [0.7]));
        Assert.Equal(0.0, GradNormSolver.Loss([1.0], [3.0], [0.7]));
        Assert.Equal([1.0], GradNormSolver.Renormalize([0.2]));
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_their_name()
    {
        Assert.Equal("gradientNorms", Assert.Throws<ArgumentException>(() => GradNormSolver.WeightGradient([1.0, 1.0], [1.0], [1.0, 1.0])).ParamName);
        Assert.Equal("lossRatios", Assert.Throws<ArgumentException>(() => GradNormSolver.WeightGradient([1.0, 1.0], [1.0, 1.0], [1.0, double.NaN])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => GradNormSolver.WeightGradient([-1.0, 1.0], [1.0, 1.0], [1.0, 1.0])).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => GradNormSolver.WeightGradient([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], -1)).ParamName);
    }
}
