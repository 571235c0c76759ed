using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class GradNormTests
{
    /// <summary>
    /// ∂L_grad/∂w by torch autograd of the paper's expression: G_t = ‖w_t g_t‖, Ḡ = mean G, r_t = L̃_t / mean L̃,
    /// L_grad = Σ |G_t − const(Ḡ·r_t^α)|.
    /// </summary>
    private static double[] AutogradWeightGradient(double[] w, double[][] g, double[] ratios, double alpha)
    {
        var weights = tensor(w, dtype: ScalarType.Float64).requires_grad_(true);
        var gradients = tensor(g.SelectMany(x => x).ToArray(), dtype: ScalarType.Float64).reshape(g.Length, -1);
        var norms = (weights.unsqueeze(1) * gradients).norm(dim: 1);
        var r = tensor(ratios, dtype: ScalarType.Float64);
        var target = (norms.mean() * (r / r.mean()).pow(alpha)).detach();
        var loss = (norms - target).abs().sum();
        return autograd.grad([loss], [weights])[0].data<double>().ToArray();
    }

    [Fact]
    public void The_weights_follow_the_GradNorm_loss_and_are_renormalised_after_each_step()
    {
        double[][] g = [[3, 0], [0, 1]];
        var problem = new LinearTasks(g);
        var gradNorm = problem.Attach(new GradNorm());
        var weights = gradNorm.get_parameter(GradNorm.ParameterName)!;
        var optimizer = optim.SGD([weights], 0.1);

        // Step 1: L(0) is this step's losses, so every ratio is 1.
        var step = problem.Step([2, 1]);
        optimizer.zero_grad();
        gradNorm.Backward(step);
        Close(Add(g), problem.SharedGradient(), 1e-12, "first direction (w = 1)");
        var expectedGradient = AutogradWeightGradient([1, 1], g, [1, 1], 1.5);
        Close(expectedGradient, weights.grad!.data<float>().Select(x => (double)x).ToArray(), 1e-6, "∂L_grad/∂w");
        optimizer.step();
        gradNorm.AfterStep(step);
        var w = new[] { 1 - 0.1 * expectedGradient[0], 1 - 0.1 * expectedGradient[1] };
        w = Scale(2 / w.Sum(), w);
        Close(w, gradNorm.Weights().ToArray(), 1e-6, "weights after step 1");
        Close([2, 1], gradNorm.InitialLosses.ToArray(), 0, "L(0)");

        // Step 2: losses fell to [1, 0.8], ratios [0.5, 0.8].
        step = problem.Step([1, 0.8]);
        optimizer.zero_grad();
        gradNorm.Backward(step);
        Close(Combine(w, g), problem.SharedGradient(), 1e-6, "second direction");
        var second = AutogradWeightGradient(w, g, [0.5, 0.8], 1.5);
        Close(second, weights.grad!.data<float>().Select(x => (double)x).ToArray(), 1e-5, "second ∂L_grad/∂w");
        optimizer.step();
        gradNorm.AfterStep(step);
        var w2 = new[] { w[0] - 0.1 * second[0], w[1] - 0.1 * second[1] };
        Close(Scale(2 / w2.Sum(), w2), gradNorm.Weights().ToArray(), 1e-5, "weights after step 2");
    }

    [Fact]
    public void It_starts_from_the_declared_weights_rescaled_to_the_task_count()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0], [1.0, 1.0]]);
        var gradNorm = problem.Attach(new GradNorm(), declaredWeights: [1, 0.5, 2.5]);
        Close([0.75, 0.375, 1.875], gradNorm.Weights().ToArray(), 1e-6, "initial weights");
    }

    [Fact]
    public void Negative_weights_after_a_large_step_are_clamped_before_renormalising()
    {
        double[][] g = [[3, 0], [0, 1]];
        var problem = new LinearTasks(g);
        var gradNorm = problem.Attach(new GradNorm());
        var weights = gradNorm.get_parameter(GradNorm.ParameterName)!;
        var step = problem.Step([2, 1]);
        gradNorm.Backward(step);
        optim.SGD([weights], 1.0).step();        // w = [1 − 3, 1 + 1] = [−2, 2]
        gradNorm.AfterStep(step);
        Close([0, 2], gradNorm.Weights().ToArray(), 1e-6, "weights");
    }
}
