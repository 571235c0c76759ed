using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class IMTLTests
{
    [Fact]
    public void The_scaled_gradients_are_combined_impartially_and_the_scales_get_the_IMTL_L_gradient()
    {
        double[][] g = [[3, 0], [1, 2]];
        double[] losses = [2, 0.5], s = [0.4, -0.3];
        var problem = new LinearTasks(g, ownGradients: [1, 1]);
        var imtl = problem.Attach(new IMTL());
        var scales = imtl.get_parameter(IMTL.ParameterName)!;
        using (no_grad())
            scales.copy_(tensor(s, dtype: scales.dtype));

        imtl.Backward(problem.Step(losses));

        var d = problem.SharedGradient();
        var alpha = imtl.LastCoefficients.ToArray();
        Assert.Equal(1.0, alpha.Sum(), 6);
        // d = Σ α_t e^(s_t) g_t, with equal projections onto every task's unit gradient (IMTL-G's defining property).
        Close(Combine(alpha.Select((a, t) => a * Math.Exp(s[t])).ToArray(), g), d, 1e-5, "d = Σ α_t e^(s_t) g_t");
        Assert.Equal(Dot(d, g[0]) / Norm(g[0]), Dot(d, g[1]) / Norm(g[1]), 5);
        // Own parameters: the scaled loss's gradient e^(s_t)·k_t; the scales: e^(s_t)L_t − 1.
        Close(s.Select(Math.Exp).ToArray(), [problem.OwnGradient(0), problem.OwnGradient(1)], 1e-6, "own gradients");
        Close(Enumerable.Range(0, 2).Select(t => Math.Exp(s[t]) * losses[t] - 1).ToArray(),
            scales.grad!.to_type(ScalarType.Float64).data<double>().ToArray(), 1e-6, "∂/∂s");
    }

    [Fact]
    public void At_zero_scales_the_first_step_is_IMTL_G()
    {
        double[][] g = [[3, 0], [1, 2]];
        var a = new LinearTasks(g);
        var b = new LinearTasks(g);
        a.Attach(new IMTL()).Backward(a.Step([1, 1]));
        b.Attach(new IMTLG()).Backward(b.Step([1, 1]));
        Close(b.SharedGradient(), a.SharedGradient(), 1e-9, "IMTL at s = 0 vs IMTL-G");
    }

    [Fact]
    public void An_absent_task_gets_no_coefficient_and_its_scale_no_gradient()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0], [1, 1]]);
        var imtl = problem.Attach(new IMTL());
        imtl.Backward(problem.Step([2, 3, 4], present: [true, true, false]));
        Assert.Equal(0.0, imtl.LastCoefficients[2]);
        var grad = imtl.get_parameter(IMTL.ParameterName)!.grad!.to_type(ScalarType.Float64).data<double>().ToArray();
        Close([1, 2, 0], grad, 1e-6, "∂/∂s (e^0·L − 1, 0 for the absent task)");
    }
}
