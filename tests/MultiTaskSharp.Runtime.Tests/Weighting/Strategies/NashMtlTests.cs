using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class NashMtlTests
{
    private static readonly double[][] Gradients = [[2, 0, 1], [-1, 1, 0], [0, 0.5, 3]];

    [Fact]
    public void Every_task_gets_the_bargaining_weight_g_t_dot_d_equal_to_one_over_alpha_t()
    {
        var problem = new LinearTasks(Gradients);
        var nash = problem.Attach(new NashMTL(maxNorm: 0));

        nash.Backward(problem.Step([1, 1, 1]));

        var alpha = nash.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        Close(Combine(alpha, Gradients), d, 1e-9, "direction");
        for (int t = 0; t < Gradients.Length; t++)
        {
            Assert.True(alpha[t] > 0);
            // (GᵀGα)_t = g_t·d = 1/α_t, checked with the explicit vectors.
            Assert.Equal(1 / alpha[t], Dot(Gradients[t], d), 6);
        }
        Assert.Equal(Gradients.Length, Dot(d, d), 6);   // hence ‖d‖² = T
        Close(alpha, nash.PreviousSolution.ToArray(), 0, "stored solution");
    }

    [Fact]
    public void The_default_max_norm_clips_the_shared_gradient_to_length_one()
    {
        var clipped = new LinearTasks(Gradients);
        var free = new LinearTasks(Gradients);
        clipped.Attach(new NashMTL()).Backward(clipped.Step([1, 1, 1]));
        free.Attach(new NashMTL(maxNorm: 0)).Backward(free.Step([1, 1, 1]));

        var d = free.SharedGradient();
        // torch's clip_grad_norm_: scale by max_norm/(‖d‖ + 1e-6) when that is below 1.
        Close(Scale(1.0 / (Norm(d) + 1e-6), d), clipped.SharedGradient(), 1e-12, "clipped direction");
    }

    [Fact]
    public void Between_updates_the_previous_weights_are_reused_without_solving()
    {
        var problem = new LinearTasks(Gradients, ownGradients: [2, 3, 4]);
        var nash = problem.Attach(new NashMTL(updateWeightsEvery: 2, maxNorm: 0));
        nash.Backward(problem.Step([1, 1, 1]));
        var solved = nash.PreviousSolution.ToArray();

        double[][] changed = [[1, 1, 0], [0, -2, 1], [3, 0, 0]];
        problem.SetGradients(changed);
        nash.Backward(problem.Step([1, 1, 1]));

        Close(Combine(solved, changed), problem.SharedGradient(), 1e-12, "reused direction");
        Close(solved, nash.LastCoefficients.ToArray(), 0, "reused α");
        Close(solved, nash.PreviousSolution.ToArray(), 0, "no new solve");
        // Own parameters still get their own task's gradient.
        Assert.Equal(2.0, problem.OwnGradient(0), 12);
        Assert.Equal(3.0, problem.OwnGradient(1), 12);
        Assert.Equal(4.0, problem.OwnGradient(2), 12);

        // The third step solves again, for the new gradients.
        nash.Backward(problem.Step([1, 1, 1]));
        var alpha = nash.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        for (int t = 0; t < changed.Length; t++)
            Assert.Equal(1 / alpha[t], Dot(changed[t], d), 6);
    }

    [Fact]
    public void An_absent_task_gets_no_weight_and_keeps_its_previous_solution()
    {
        var problem = new LinearTasks(Gradients);
        var nash = problem.Attach(new NashMTL(maxNorm: 0));
        nash.Backward(problem.Step([1, 1, 1]));
        double kept = nash.PreviousSolution[2];

        nash.Backward(problem.Step([1, 1, 1], present: [true, true, false]));

        Assert.Equal(0.0, nash.LastCoefficients[2]);
        Assert.Equal(kept, nash.PreviousSolution[2]);
        var alpha = nash.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        for (int t = 0; t < 2; t++)
            Assert.Equal(1 / alpha[t], Dot(Gradients[t], d), 6);
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NashMTL(updateWeightsEvery: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NashMTL(maxNorm: -1));
    }
}
