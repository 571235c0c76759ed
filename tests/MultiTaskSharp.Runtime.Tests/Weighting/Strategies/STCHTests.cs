using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class STCHTests
{
    /// <summary>∂/∂L of the reference's scalarization μ·T·log Σ exp(log(L/z + 1e-20)/μ), by torch autograd.</summary>
    private static double[] ReferenceGradient(double[] losses, double[] nadir, double mu)
    {
        var l = tensor(losses, dtype: ScalarType.Float64).requires_grad_(true);
        var z = tensor(nadir, dtype: ScalarType.Float64);
        var logs = (l / z + 1e-20).log();
        var total = (logs / mu).exp().sum().log() * mu * losses.Length;
        return autograd.grad([total], [l])[0].data<double>().ToArray();
    }

    [Fact]
    public void It_warms_up_on_log_losses_measures_the_nadir_point_then_follows_the_smoothed_maximum()
    {
        // Unit gradients: the shared gradient is the weight vector.
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var stch = problem.Attach(new STCH(mu: 0.5, warmupEpochs: 1));

        stch.Backward(problem.Step([2, 4], epoch: 1));
        Close([0.5, 0.25], problem.SharedGradient(), 1e-9, "warm-up: ∂ Σ log L");
        stch.Backward(problem.Step([1, 3], epoch: 2));
        stch.Backward(problem.Step([3, 1], epoch: 2));
        Close([1 / 3.0, 1.0], problem.SharedGradient(), 1e-9, "averaging epoch: still ∂ Σ log L");
        Assert.True(double.IsNaN(stch.Nadir[0]));

        double[] losses = [1.5, 1];
        stch.Backward(problem.Step(losses, epoch: 3));
        Close([2, 2], stch.Nadir.ToArray(), 0, "nadir: the averaging epoch's means");
        Close(ReferenceGradient(losses, [2, 2], 0.5), problem.SharedGradient(), 1e-9, "∂ of the smoothed maximum");
    }

    [Fact]
    public void It_needs_the_epoch()
    {
        var problem = new LinearTasks([[1.0], [1.0]]);
        var stch = problem.Attach(new STCH());
        var error = Assert.Throws<InvalidOperationException>(() => stch.Backward(problem.Step([1, 1])));
        Assert.Contains("Epoch", error.Message);
    }
}
