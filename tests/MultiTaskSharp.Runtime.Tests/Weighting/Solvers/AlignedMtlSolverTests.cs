using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>Aligned-MTL's B turns the gradients into orthogonal gradients of equal norm, and α sums them by preference.</summary>
public sealed class AlignedMtlSolverTests
{
    /// <summary>The rows of B·G, from the vectors.</summary>
    private static double[][] Aligned(double[,] b, double[][] g)
        => Enumerable.Range(0, g.Length)
            .Select(i => Combine(g, Enumerable.Range(0, g.Length).Select(j => b[i, j]).ToArray()))
            .ToArray();

    private static double[,] Gram(double[][] rows)
    {
        var m = new double[rows.Length, rows.Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows.Length; j++)
                m[i, j] = Dot(rows[i], rows[j]);
        return m;
    }

    /// <summary>The eigenvalues of M in ascending order, by torch.linalg.eigvalsh.</summary>
    private static double[] Eigenvalues(GramMatrix gram)
    {
        using var scope = torch.NewDisposeScope();
        return torch.linalg.eigvalsh(torch.tensor(gram.ToArray(), torch.ScalarType.Float64)).data<double>().ToArray();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Aligned_gradients_are_orthogonal_with_the_smallest_eigenvalue_as_squared_norm(int tasks)
    {
        var random = new Random(500 + tasks);
        for (int trial = 0; trial < 5; trial++)
        {
            var g = GradientVectors.Random(random, tasks, tasks + 4, scale: Math.Pow(10, random.Next(-2, 3)));
            var gram = GradientVectors.Gram(g);
            var preferences = Enumerable.Range(0, tasks).Select(_ => 0.5 + random.NextDouble()).ToArray();
            var solution = AlignedMtlSolver.Solve(gram, preferences);

            double smallest = Eigenvalues(gram)[0];
            Assert.Equal(tasks, solution.Rank);
            AssertClose(smallest, solution.SquaredScale, 1e-10 * gram.MaxSquaredNorm, "σ²");
            var aligned = Aligned(solution.Alignment, g);
            var alignedGram = Gram(aligned);
            for (int i = 0; i < tasks; i++)
                for (int j = 0; j < tasks; j++)
                    AssertClose(i == j ? smallest : 0, alignedGram[i, j], 1e-9 * gram.MaxSquaredNorm, $"(BG)(BG)ᵀ[{i},{j}]");

            // d is the preference-weighted sum of the aligned gradients.
            var expected = Combine(aligned, preferences);
            AssertClose(expected, Combine(g, solution.Coefficients), 1e-9 * Math.Sqrt(gram.MaxSquaredNorm), "d");
        }
    }

    [Fact]
    public void Default_preferences_give_the_column_sums_of_B()
    {
        var gram = GradientVectors.Gram(GradientVectors.Random(new Random(51), 4, 7));
        var solution = AlignedMtlSolver.Solve(gram);
        var columnSums = Enumerable.Range(0, 4).Select(j => Enumerable.Range(0, 4).Sum(i => solution.Alignment[i, j])).ToArray();
        AssertClose(columnSums, solution.Coefficients, 1e-15, "α");
    }

    [Fact]
    public void Rank_deficient_gradients_align_within_their_span()
    {
        // Four gradients in a plane, and one of three repeated: rank 2 both times.
        foreach (double[][] g in new[] { new double[][] { [3, 1], [-1, 2], [0.5, -2], [2, 2] }, [[1, 0, 2], [1, 0, 2], [0, 3, -1]] })
        {
            var gram = GradientVectors.Gram(g);
            var solution = AlignedMtlSolver.Solve(gram);
            Assert.Equal(2, solution.Rank);
            // (BG)(BG)ᵀ = σ²·P with P an orthogonal projector of rank 2: P² = P, trace P = 2.
            var p = Gram(Aligned(solution.Alignment, g));
            int n = g.Length;
            double trace = 0;
            for (int i = 0; i < n; i++)
            {
                trace += p[i, i] / solution.SquaredScale;
                for (int j = 0; j < n; j++)
                {
                    double squared = 0;
                    for (int k = 0; k < n; k++)
                        squared += p[i, k] * p[k, j] / (solution.SquaredScale * solution.SquaredScale);
                    AssertClose(p[i, j] / solution.SquaredScale, squared, 1e-9, $"P²[{i},{j}]");
                }
            }
            AssertClose(2.0, trace, 1e-9, "trace P");
            // σ² is the smaller of the two non-zero eigenvalues.
            AssertClose(Eigenvalues(gram)[n - 2], solution.SquaredScale, 1e-9 * gram.MaxSquaredNorm, "σ²");
            AssertFinite(solution.Coefficients, "α");
        }
    }

    [Fact]
    public void A_zero_gradient_is_dropped_from_the_alignment()
    {
        double[][] g = [[2, 0, 1], [0, 0, 0], [-1, 3, 0]];
        var solution = AlignedMtlSolver.Solve(GradientVectors.Gram(g));
        Assert.Equal(2, solution.Rank);
        var aligned = Aligned(solution.Alignment, g);
        Assert.True(Norm(aligned[1]) < 1e-12, "the zero gradient stays zero");
        AssertClose(Dot(aligned[0], aligned[0]), Dot(aligned[2], aligned[2]), 1e-10, "equal norms");
        AssertClose(0, Dot(aligned[0], aligned[2]), 1e-10, "orthogonal");
    }

    [Fact]
    public void Median_and_mean_scales_set_the_aligned_norm()
    {
        var g = GradientVectors.Random(new Random(52), 4, 6);
        var gram = GradientVectors.Gram(g);
        var eigenvalues = Eigenvalues(gram);
        var median = AlignedMtlSolver.Solve(gram, scale: AlignedMtlScale.Median);
        AssertClose(eigenvalues[1], median.SquaredScale, 1e-10 * gram.MaxSquaredNorm, "lower median");
        AssertClose(eigenvalues[1], Gram(Aligned(median.Alignment, g))[3, 3], 1e-9 * gram.MaxSquaredNorm, "aligned norm²");
        var mean = AlignedMtlSolver.Solve(gram, scale: AlignedMtlScale.Mean);
        AssertClose(eigenvalues.Average(), mean.SquaredScale, 1e-10 * gram.MaxSquaredNorm, "mean");
    }

    [Fact]
    public void Coefficients_do_not_depend_on_the_gradients_scale()
    {
        var gram = GradientVectors.Gram(GradientVectors.Random(new Random(53), 3, 5));
        var reference = AlignedMtlSolver.Solve(gram).Coefficients;
        foreach (double factor in new[] { 1e-12, 1e8 })
            AssertClose(reference, AlignedMtlSolver.Solve(gram.Scale(factor)).Coefficients, 1e-9, $"α at scale {factor}");
    }

    [Fact]
    public void One_task_and_all_zero_gradients_keep_the_preferences()
    {
        AssertClose([2.0], AlignedMtlSolver.Solve(new GramMatrix(new double[,] { { 5 } }), [2.0]).Coefficients, 1e-14, "T = 1");
        var zero = AlignedMtlSolver.Solve(new GramMatrix(new double[2, 2]), [1.0, 3.0]);
        Assert.Equal([1.0, 3.0], zero.Coefficients);
        Assert.Equal(0, zero.Rank);
    }

    [Fact]
    public void Bad_preferences_and_tolerances_are_rejected_with_their_name()
    {
        var gram = new GramMatrix(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal("preferences", Assert.Throws<ArgumentException>(() => AlignedMtlSolver.Solve(gram, [1.0])).ParamName);
        Assert.Equal("preferences", Assert.Throws<ArgumentException>(() => AlignedMtlSolver.Solve(gram, [1.0, double.NaN])).ParamName);
        Assert.Equal("rankTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => AlignedMtlSolver.Solve(gram, rankTolerance: 1.0)).ParamName);
    }
}
