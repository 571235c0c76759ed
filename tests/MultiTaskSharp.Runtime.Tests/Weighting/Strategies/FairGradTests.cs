using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class FairGradTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void The_weights_solve_the_alpha_fair_equation_for_explicit_vectors(double alpha)
    {
        double[][] g = [[1, 0.3, 0], [-0.5, 2, 0.1], [0.2, -0.4, 0.7]];
        var problem = new LinearTasks(g);
        var fairGrad = problem.Attach(new FairGrad(alpha));
        fairGrad.Backward(problem.Step([1, 1, 1]));
        var w = fairGrad.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        Close(Combine(w, g), d, 1e-12, "d = Σ w_t g_t");
        // The optimality condition, from the vectors: each task's improvement g_t·d is w_t^(−1/α).
        for (int t = 0; t < 3; t++)
        {
            Assert.True(w[t] > 0, $"w[{t}] > 0");
            Assert.True(Math.Abs(Dot(g[t], d) - Math.Pow(w[t], -1 / alpha)) <= 1e-7 * Math.Pow(w[t], -1 / alpha), $"(Gw)_{t} = w_{t}^(−1/α)");
        }
    }

    [Fact]
    public void With_alpha_one_it_is_the_bargaining_solution()
    {
        double[][] g = [[3, 0], [1, 1]];
        var problem = new LinearTasks(g);
        var fairGrad = problem.Attach(new FairGrad(1.0));
        fairGrad.Backward(problem.Step([1, 1]));
        var w = fairGrad.LastCoefficients.ToArray();
        var d = problem.SharedGradient();
        for (int t = 0; t < 2; t++)
            Assert.Equal(1.0, w[t] * Dot(g[t], d), 7);   // Nash-MTL's α_t (Gα)_t = 1
    }
}
