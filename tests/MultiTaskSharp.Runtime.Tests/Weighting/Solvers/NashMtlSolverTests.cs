using System;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>Nash-MTL's solver finds the α &gt; 0 with α_t·(Mα)_t = 1, i.e. g_t·d = 1/α_t.</summary>
public sealed class NashMtlSolverTests
{
    private static readonly NashMtlOptions Exact = new() { RelativeRidge = 0 };

    /// <summary>max_t |α_t·g_t·d − 1|, from the vectors.</summary>
    private static double BargainingResidual(double[][] g, double[] alpha)
    {
        var d = Combine(g, alpha);
        double worst = 0;
        for (int t = 0; t < g.Length; t++)
            worst = Math.Max(worst, Math.Abs(alpha[t] * Dot(g[t], d) - 1));
        return worst;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_gradients_satisfy_the_bargaining_equation(int tasks)
    {
        var random = new Random(100 + tasks);
        for (int trial = 0; trial < 10; trial++)
        {
            var g = GradientVectors.Random(random, tasks, tasks + 3);
            var solution = NashMtlSolver.Solve(Gram(g), options: Exact);
            Assert.True(solution.Converged, $"not converged after {solution.Iterations} iterations (residual {solution.MaxResidual})");
            Assert.All(solution.Weights, a => Assert.True(a > 0));
            Assert.True(BargainingResidual(g, solution.Weights) < 1e-9, $"residual {BargainingResidual(g, solution.Weights)}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void Ill_conditioned_gradients_satisfy_the_bargaining_equation(int tasks)
    {
        var random = new Random(200 + tasks);
        // Nearly parallel gradients (condition number of M about 1e8) …
        var common = GradientVectors.Random(random, 1, tasks + 3)[0];
        var nearlyParallel = GradientVectors.Random(random, tasks, tasks + 3, scale: 1e-4);
        foreach (var row in nearlyParallel)
            for (int k = 0; k < row.Length; k++)
                row[k] += common[k];
        // … and norms spread over six orders of magnitude.
        var spread = GradientVectors.Random(random, tasks, tasks + 3);
        for (int t = 0; t < tasks; t++)
            for (int k = 0; k < spread[t].Length; k++)
                spread[t][k] *= Math.Pow(10, -3 + 6.0 * t / (tasks - 1));

        foreach (var g in new[] { nearlyParallel, spread })
        {
            var solution = NashMtlSolver.Solve(Gram(g), options: Exact);
            Assert.True(solution.Converged, $"not converged after {solution.Iterations} iterations (residual {solution.MaxResidual})");
            Assert.True(BargainingResidual(g, solution.Weights) < 1e-8, $"residual {BargainingResidual(g, solution.Weights)}");
        }
    }

    [Fact]
    public void Two_tasks_match_the_hand_solution()
    {
        // α1(4α1 + α2) = 1 and α2(α1 + α2) = 1: from the second, α1 = (1 − α2²)/α2; substituted in the
        // first, 4(1 − α2²)² = α2⁴, so 2(1 − α2²) = α2², α2 = sqrt(2/3) and α1 = 1/sqrt(6).
        var solution = NashMtlSolver.Solve(new GramMatrix(new double[,] { { 4, 1 }, { 1, 1 } }), options: Exact);
        AssertClose([1 / Math.Sqrt(6), Math.Sqrt(2.0 / 3)], solution.Weights, 1e-12, "α");

        // Orthogonal gradients: α_t = 1/‖g_t‖, each task's weighted gradient has unit norm.
        var orthogonal = NashMtlSolver.Solve(new GramMatrix(new double[,] { { 9, 0 }, { 0, 0.25 } }), options: Exact);
        AssertClose([1 / 3.0, 2.0], orthogonal.Weights, 1e-12, "orthogonal α");
    }

    [Fact]
    public void The_default_ridge_solves_the_equation_for_M_plus_delta_I_and_barely_moves_the_answer()
    {
        var g = GradientVectors.Random(new Random(7), 4, 6);
        var gram = Gram(g);
        var solution = NashMtlSolver.Solve(gram);
        double delta = NashMtlOptions.Default.RelativeRidge * gram.MaxSquaredNorm;
        var d = Combine(g, solution.Weights);
        for (int t = 0; t < 4; t++)
            AssertClose(1.0, solution.Weights[t] * (Dot(g[t], d) + delta * solution.Weights[t]), 1e-9, $"α_{t}·((M + δI)α)_{t}");
        var exact = NashMtlSolver.Solve(gram, options: Exact);
        for (int t = 0; t < 4; t++)
            AssertClose(exact.Weights[t], solution.Weights[t], 1e-6 * exact.Weights[t], $"α_{t} against the unregularised solution");
    }

    [Fact]
    public void Weights_scale_as_one_over_the_square_root_of_the_gram_scale()
    {
        var gram = Gram(GradientVectors.Random(new Random(8), 3, 5));
        var reference = NashMtlSolver.Solve(gram).Weights;
        foreach (double factor in new[] { 1e-10, 1e-3, 1e4, 1e12 })
        {
            var scaled = NashMtlSolver.Solve(gram.Scale(factor)).Weights;
            for (int t = 0; t < 3; t++)
                AssertClose(reference[t] / Math.Sqrt(factor), scaled[t], 1e-9 * scaled[t], $"α_{t} at scale {factor}");
        }
        // So the reference's Frobenius normalisation multiplies the weights by sqrt(‖M‖_F).
        var normalised = NashMtlSolver.Solve(gram.Scale(1 / gram.FrobeniusNorm)).Weights;
        for (int t = 0; t < 3; t++)
            AssertClose(reference[t] * Math.Sqrt(gram.FrobeniusNorm), normalised[t], 1e-9 * normalised[t], $"normalised α_{t}");
    }

    [Fact]
    public void A_warm_start_from_the_previous_step_converges_in_fewer_iterations_to_the_same_weights()
    {
        var random = new Random(9);
        var g = GradientVectors.Random(random, 5, 8);
        var previous = NashMtlSolver.Solve(Gram(g));
        // The next step: slightly different gradients, and a different overall scale.
        var noise = GradientVectors.Random(random, 5, 8, scale: 0.02);
        for (int t = 0; t < 5; t++)
            for (int k = 0; k < 8; k++)
                g[t][k] = 3 * (g[t][k] + noise[t][k]);
        var gram = Gram(g);

        var cold = NashMtlSolver.Solve(gram);
        var warm = NashMtlSolver.Solve(gram, previous.Weights);
        Assert.True(warm.Converged && cold.Converged);
        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations} iterations, cold {cold.Iterations}");
        Assert.True(warm.Iterations <= 4, $"warm start took {warm.Iterations} iterations");
        for (int t = 0; t < 5; t++)
            AssertClose(cold.Weights[t], warm.Weights[t], 1e-9 * cold.Weights[t], $"α_{t}");
    }

    [Fact]
    public void A_zero_gradient_gets_the_documented_cap_and_the_others_their_own_solution()
    {
        double[][] g = [[1, 0, 1], [0, 0, 0], [0, 2, -1]];
        var gram = Gram(g);
        var solution = NashMtlSolver.Solve(gram);
        double delta = NashMtlOptions.Default.RelativeRidge * gram.MaxSquaredNorm;
        AssertFinite(solution.Weights, "α");
        Assert.True(solution.Converged);
        AssertClose(1 / Math.Sqrt(delta), solution.Weights[1], 1e-6 / Math.Sqrt(delta), "capped α of the zero gradient");
        // The others solve their own equation (the zero gradient adds nothing to d).
        var d = Combine(g, solution.Weights);
        foreach (int t in new[] { 0, 2 })
            AssertClose(1.0, solution.Weights[t] * Dot(g[t], d), 1e-6, $"α_{t}·g_{t}·d");
    }

    [Fact]
    public void Cancelling_gradients_give_finite_capped_weights_and_a_zero_direction()
    {
        // 0 is in the hull (a Pareto-stationary point): the bargaining equation has no solution.
        double[][] g = [[1, 2], [-1, -2]];
        var gram = Gram(g);
        var solution = NashMtlSolver.Solve(gram);
        double delta = NashMtlOptions.Default.RelativeRidge * gram.MaxSquaredNorm;
        AssertClose([1 / Math.Sqrt(delta), 1 / Math.Sqrt(delta)], solution.Weights, 1e-6 / Math.Sqrt(delta), "α");
        Assert.True(Norm(Combine(g, solution.Weights)) < 1e-6);
    }

    [Fact]
    public void Identical_gradients_share_the_weight_equally()
    {
        // α_t·‖g‖²(α_1 + α_2) = 1 with α_1 = α_2 gives α = 1/(sqrt(2)‖g‖).
        double[][] g = [[3, 4], [3, 4]];
        var solution = NashMtlSolver.Solve(Gram(g));
        AssertClose([1 / (Math.Sqrt(2) * 5), 1 / (Math.Sqrt(2) * 5)], solution.Weights, 1e-8, "α");
    }

    [Fact]
    public void One_task_and_all_zero_gradients_have_documented_weights()
    {
        var one = NashMtlSolver.Solve(new GramMatrix(new double[,] { { 4 } }));
        AssertClose(1 / Math.Sqrt(4 * (1 + NashMtlOptions.Default.RelativeRidge)), one.Weights[0], 1e-14, "T = 1");
        var zero = NashMtlSolver.Solve(new GramMatrix(new double[2, 2]));
        Assert.Equal([1.0, 1.0], zero.Weights);
        Assert.False(zero.Converged);
    }

    [Fact]
    public void Bad_warm_starts_and_options_are_rejected_with_their_name()
    {
        var gram = new GramMatrix(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal("warmStart", Assert.Throws<ArgumentException>(() => NashMtlSolver.Solve(gram, [1.0])).ParamName);
        var error = Assert.Throws<ArgumentException>(() => NashMtlSolver.Solve(gram, [1.0, 0.0]));
        Assert.Contains("#1", error.Message);
        Assert.Equal("RelativeRidge", Assert.Throws<ArgumentOutOfRangeException>(() => NashMtlSolver.Solve(gram, options: new() { RelativeRidge = -1 })).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => NashMtlSolver.Solve(gram, options: new() { Tolerance = 0 })).ParamName);
    }
}
