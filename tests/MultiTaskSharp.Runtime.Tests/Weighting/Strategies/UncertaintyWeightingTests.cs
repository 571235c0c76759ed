using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class UncertaintyWeightingTests
{
    [Fact]
    public void The_loss_and_the_gradients_of_the_log_variances_match_the_closed_form()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        double[] losses = [2, 0.5];
        var problem = new LinearTasks([g1, g2]);
        var uw = problem.Attach(new UW(initialLogVariances: [0.3, -0.4]));
        double[] s = [0.3, -0.4];

        var combined = uw.Backward(problem.Step(losses));

        // Σ ½e^(−s)L + ½s, and ∂/∂s_t = ½ − ½e^(−s_t)L_t; the shared gradient is Σ ½e^(−s_t) g_t.
        double expectedTotal = Enumerable.Range(0, 2).Sum(t => 0.5 * Math.Exp(-s[t]) * losses[t] + 0.5 * s[t]);
        Assert.Equal(expectedTotal, combined.Total.to_type(TorchSharp.torch.ScalarType.Float64).item<double>(), 5);
        var parameter = uw.get_parameter(UW.ParameterName)!;
        var expectedGradient = Enumerable.Range(0, 2).Select(t => 0.5 - 0.5 * Math.Exp(-s[t]) * losses[t]).ToArray();
        Close(expectedGradient, parameter.grad!.data<float>().Select(x => (double)x).ToArray(), 1e-6, "∂/∂s");
        var weights = s.Select(x => 0.5 * Math.Exp(-x)).ToArray();
        Close(Combine(weights, [g1, g2]), problem.SharedGradient(), 1e-6, "shared gradient");
        Close(weights, uw.EffectiveWeights().ToArray(), 1e-6, "weights");
    }

    [Fact]
    public void By_default_it_starts_from_the_declared_weights()
    {
        var problem = new LinearTasks([[1.0], [1.0], [1.0]]);
        var uw = problem.Attach(new UW(), declaredWeights: [1, 0.5, 2]);
        Close([1, 0.5, 2], uw.EffectiveWeights().ToArray(), 1e-6, "initial weights");
        Close([-Math.Log(2), 0, -Math.Log(4)], uw.LogVariances().ToArray(), 1e-6, "initial log-variances");
        var error = Assert.Throws<ArgumentException>(() => new LinearTasks([[1.0], [1.0]]).Attach(new UW(), declaredWeights: [1, 0]));
        Assert.Contains("T1", error.Message);
    }

    [Fact]
    public void A_task_the_batch_did_not_label_leaves_its_log_variance_alone()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var uw = problem.Attach(new UW());
        uw.Backward(problem.Step([2, 0.5], present: [true, false]));
        var gradient = uw.get_parameter(UW.ParameterName)!.grad!.data<float>().ToArray();
        Assert.Equal(0f, gradient[1]);
        Assert.NotEqual(0f, gradient[0]);
    }
}
