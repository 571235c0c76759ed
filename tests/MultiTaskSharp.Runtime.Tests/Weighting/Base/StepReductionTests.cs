using System;
using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Weighting.Strategies;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Base;

/// <summary>
/// The hook data-parallel training implements: strategies see the reduced losses and gradients, never the local ones.
/// A fake reduction plays a second process with known losses and gradients and applies the documented formulas.
/// </summary>
public sealed class StepReductionTests
{
    /// <summary>This process and one other, one entry each: global = mean of the two.</summary>
    private sealed class TwoProcesses(double[] otherLosses, double[][] otherGradients) : IStepReduction
    {
        public int LossCalls { get; private set; }

        public int GradientCalls { get; private set; }

        public bool[] ReducePresence(bool[] present) => present.Select(_ => true).ToArray();

        public void ReduceLosses(Tensor losses, Tensor entries)
        {
            LossCalls++;
            var other = tensor(otherLosses, dtype: ScalarType.Float64);
            var otherEntries = ones_like(entries);
            losses.copy_((losses * entries + other * otherEntries) / (entries + otherEntries));
            entries.add_(otherEntries);
        }

        public void ReduceGradients(Tensor gradients, GradientSource source, Tensor entries)
        {
            GradientCalls++;
            Assert.Equal(GradientSource.Parameters, source);
            var other = tensor(otherGradients.SelectMany(g => g).ToArray(), dtype: gradients.dtype).reshape(gradients.shape);
            var e = entries.unsqueeze(1);
            gradients.copy_((gradients * e + other) / (e + 1));
        }
    }

    [Fact]
    public void A_loss_based_strategy_weighs_with_the_losses_of_the_whole_distributed_batch()
    {
        var problem = new LinearTasks([[1.0], [1.0]]);
        var gls = problem.Attach(new GLS());
        var reduction = new TwoProcesses([4, 1], [[0.0], [0.0]]);
        using (StepReduction.Use(reduction))
            gls.Backward(problem.Step([2, 3]));

        // Global losses (2+4)/2 = 3 and (3+1)/2 = 2; GLS weighs by G/(T·L_t) with G = sqrt(3·2).
        double g = Math.Sqrt(6);
        Close([g / (2 * 3), g / (2 * 2)], gls.EffectiveWeights().ToArray(), 1e-12, "weights from reduced losses");
        Assert.Equal(1, reduction.LossCalls);
        Assert.Equal(0, reduction.GradientCalls);
    }

    [Fact]
    public void A_gradient_based_strategy_solves_on_the_gradients_of_the_whole_distributed_batch()
    {
        double[][] local = [[1, 0], [0, 0]];
        double[][] other = [[1, 0], [0, 2]];
        var problem = new LinearTasks(local);
        var mgda = problem.Attach(new MGDA(MgdaGradientNormalization.None));
        var reduction = new TwoProcesses([1, 1], other);
        using (StepReduction.Use(reduction))
            mgda.Backward(problem.Step([1, 1]));

        // Global gradients g1 = (1, 0), g2 = (0, 1): the min-norm point of their hull is α = (½, ½).
        Close([0.5, 0.5], mgda.LastCoefficients.ToArray(), 1e-6, "coefficients from reduced gradients");
        Close([0.5, 0.5], problem.SharedGradient(), 1e-6, "direction from reduced gradients");
        Assert.Equal(1, reduction.GradientCalls);
    }

    [Fact]
    public void Without_a_reduction_in_scope_nothing_is_reduced()
    {
        var reduction = new TwoProcesses([4, 1], [[0.0], [0.0]]);
        using (StepReduction.Use(reduction))
        {
        }
        Assert.Same(StepReduction.None, StepReduction.Current);
        var problem = new LinearTasks([[1.0], [1.0]]);
        var gls = problem.Attach(new GLS());
        gls.Backward(problem.Step([2, 3]));
        double g = Math.Sqrt(6);
        Close([g / 4, g / 6], gls.EffectiveWeights().ToArray(), 1e-12, "local weights");
        Assert.Equal(0, reduction.LossCalls);
    }
}
