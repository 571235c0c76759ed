using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>IMTL-G's coefficients sum to 1 and give a direction with equal projections on every unit gradient.</summary>
public sealed class ImtlGSolverTests
{
    private static double[] Unit(double[] g) => g.Select(v => v / Norm(g)).ToArray();

    /// <summary>The projections d·u_t of d = Σ α_t g_t onto the unit gradients, from the vectors.</summary>
    private static double[] Projections(double[][] g, double[] alpha)
    {
        var d = Combine(g, alpha);
        return g.Select(v => Dot(d, Unit(v))).ToArray();
    }

    /// <summary>The paper's closed form from the vectors: α_{2..T} = g_1Uᵀ(DUᵀ)⁻¹, α_1 = 1 − Σ α_{2..T}.</summary>
    private static double[] PaperClosedForm(double[][] g)
    {
        int n = g.Length;
        var u = g.Select(Unit).ToArray();
        var d = Enumerable.Range(1, n - 1).Select(t => g[0].Select((v, k) => v - g[t][k]).ToArray()).ToArray();
        var uDiff = Enumerable.Range(1, n - 1).Select(t => u[0].Select((v, k) => v - u[t][k]).ToArray()).ToArray();
        // x = g_1Uᵀ(DUᵀ)⁻¹ is the row vector solving x·(DUᵀ) = g_1Uᵀ, i.e. (DUᵀ)ᵀxᵀ = (g_1Uᵀ)ᵀ.
        var transposed = new double[n - 1, n - 1];
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < n - 1; j++)
                transposed[j, i] = Dot(d[i], uDiff[j]);
        var rightHandSide = uDiff.Select(row => Dot(g[0], row)).ToArray();
        var rest = SimplexReference.GaussianElimination(transposed, rightHandSide)!;
        return new[] { 1 - rest.Sum() }.Concat(rest).ToArray();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Random_gradients_get_equal_projections_and_the_papers_closed_form(int tasks)
    {
        var random = new Random(400 + tasks);
        for (int trial = 0; trial < 8; trial++)
        {
            var g = GradientVectors.Random(random, tasks, tasks + 3, scale: Math.Pow(10, random.Next(-2, 3)));
            var alpha = ImtlGSolver.Solve(Gram(g));
            AssertClose(1.0, alpha.Sum(), 1e-10, "Σα");
            var projections = Projections(g, alpha);
            double size = Norm(Combine(g, alpha));
            foreach (double p in projections)
                AssertClose(projections[0], p, 1e-9 * size, $"projection (trial {trial})");
            var expected = PaperClosedForm(g);
            AssertClose(expected, alpha, 1e-8 * expected.Max(Math.Abs), $"α against the closed form (trial {trial})");
        }
    }

    [Fact]
    public void Coefficients_do_not_depend_on_the_gradients_scale()
    {
        var gram = Gram(GradientVectors.Random(new Random(41), 4, 6));
        var reference = ImtlGSolver.Solve(gram);
        foreach (double factor in new[] { 1e-14, 1e10 })
            AssertClose(reference, ImtlGSolver.Solve(gram.Scale(factor)), 1e-9, $"α at scale {factor}");
    }

    [Fact]
    public void Identical_gradients_share_their_coefficient_equally()
    {
        AssertClose([0.5, 0.5], ImtlGSolver.Solve(Gram([[1, 2], [1, 2]])), 1e-12, "two identical");

        // With a third, distinct gradient the duplicates split what the pair needs, and projections stay equal.
        double[][] g = [[1, 2, 0], [1, 2, 0], [0, -1, 3]];
        var alpha = ImtlGSolver.Solve(Gram(g));
        AssertClose(alpha[0], alpha[1], 1e-12, "duplicates");
        AssertClose(1.0, alpha.Sum(), 1e-12, "Σα");
        var projections = Projections(g, alpha);
        AssertClose(projections[0], projections[2], 1e-10, "projections");
        // The same as the closed form for the two distinct gradients, with the first one's coefficient halved.
        var distinct = PaperClosedForm([g[0], g[2]]);
        AssertClose([distinct[0] / 2, distinct[0] / 2, distinct[1]], alpha, 1e-10, "α");
    }

    [Fact]
    public void A_zero_gradient_gets_coefficient_zero_and_the_others_stay_impartial()
    {
        double[][] g = [[2, 0, 1], [0, 0, 0], [-1, 3, 0]];
        var alpha = ImtlGSolver.Solve(Gram(g));
        Assert.Equal(0.0, alpha[1]);
        AssertClose(PaperClosedForm([g[0], g[2]]), [alpha[0], alpha[2]], 1e-10, "α of the others");
    }

    [Fact]
    public void Linearly_dependent_gradients_give_the_zero_direction_with_coefficients_summing_to_one()
    {
        // Four directions in a plane: d·(u_1 − u_t) = 0 for three independent differences forces d = 0, which
        // Σα = 1 allows since the gradients are linearly dependent. All projections are then equal (zero).
        double[][] g = [[3, 1], [-1, 2], [0.5, -2], [2, 2]];
        var alpha = ImtlGSolver.Solve(Gram(g));
        AssertFinite(alpha, "α");
        AssertClose(1.0, alpha.Sum(), 1e-10, "Σα");
        Assert.True(Norm(Combine(g, alpha)) < 1e-10, $"‖d‖ = {Norm(Combine(g, alpha))}");
    }

    [Fact]
    public void One_task_and_all_zero_gradients_have_documented_coefficients()
    {
        AssertClose([1.0], ImtlGSolver.Solve(new GramMatrix(new double[,] { { 3 } })), 1e-14, "T = 1");
        AssertClose([1 / 3.0, 1 / 3.0, 1 / 3.0], ImtlGSolver.Solve(new GramMatrix(new double[3, 3])), 1e-15, "all zero");
    }
}
