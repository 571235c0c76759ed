using System;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>
/// Every solver returns finite coefficients for the Gram matrices training produces in corner cases, including
/// ones rounding makes slightly indefinite (not a Gram matrix of real vectors, but valid input).
/// </summary>
public sealed class DegenerateGramTests
{
    public static TheoryData<string, double[,]> Matrices => new()
    {
        { "one task", new double[,] { { 2.5 } } },
        { "one task, zero gradient", new double[,] { { 0 } } },
        { "all zero", new double[3, 3] },
        { "identical", new double[,] { { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 } } },
        { "identical up to rounding, slightly indefinite", new double[,] { { 1, 1 + 1e-7 }, { 1 + 1e-7, 1 } } },
        { "opposite", new double[,] { { 1, -1 }, { -1, 1 } } },
        { "one zero gradient", new double[,] { { 1, 0, 0.5 }, { 0, 0, 0 }, { 0.5, 0, 2 } } },
        { "tiny scale", new double[,] { { 1e-300, 0 }, { 0, 2e-300 } } },
        { "huge scale", new double[,] { { 1e300, -5e299 }, { -5e299, 1e300 } } },
        { "norms 1e-12 apart", new double[,] { { 1, 0 }, { 0, 1e-24 } } },
        { "not a Gram matrix: |M_12| > sqrt(M_11·M_22)", new double[,] { { 1, 1.5 }, { 1.5, 1 } } },
        { "not a Gram matrix, conflicting", new double[,] { { 4, -3, 0 }, { -3, 1, 0 }, { 0, 0, 1 } } },
    };

    [Theory]
    [MemberData(nameof(Matrices))]
    public void Every_solver_returns_finite_coefficients(string name, double[,] values)
    {
        var gram = new GramMatrix(values);
        int n = gram.TaskCount;
        AssertFinite(MgdaMinNormSolver.Solve(gram).Weights, $"{name}: MGDA");
        AssertFinite(NashMtlSolver.Solve(gram).Weights, $"{name}: Nash-MTL");
        AssertFinite(CAGradSolver.Solve(gram).Coefficients, $"{name}: CAGrad");
        AssertFinite(ImtlGSolver.Solve(gram), $"{name}: IMTL-G");
        AssertFinite(AlignedMtlSolver.Solve(gram).Coefficients, $"{name}: Aligned-MTL");
        AssertFinite(PCGradSolver.Solve(gram, new Random(0)), $"{name}: PCGrad");
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        AssertFinite(GradNormSolver.WeightGradient(ones, gram, ones), $"{name}: GradNorm");
        foreach (double cosine in TaskGradientRelations.Cosines(gram))
            Assert.True(double.IsFinite(cosine), $"{name}: cosine {cosine}");
    }
}
