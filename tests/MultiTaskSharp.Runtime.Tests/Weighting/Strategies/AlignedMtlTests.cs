using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class AlignedMtlTests
{
    [Fact]
    public void Two_tasks_are_rescaled_by_the_inverse_square_root_of_their_Gram_matrix()
    {
        double[] g1 = [3, 1], g2 = [-1, 2];
        var problem = new LinearTasks([g1, g2]);
        var aligned = problem.Attach(new AlignedMTL());

        aligned.Backward(problem.Step([1, 1]));

        // By hand, for a 2×2 Gram matrix M = [[a, b], [b, c]]: eigenvalues λ± = (a + c)/2 ± sqrt(((a − c)/2)² + b²),
        // sqrt(M) = (M + sqrt(det M)·I)/sqrt(tr M + 2 sqrt(det M)), and B = sqrt(λ_min)·M^(−1/2); α = Bᵀ1.
        double a = Dot(g1, g1), b = Dot(g1, g2), c = Dot(g2, g2);
        double lambdaMin = (a + c) / 2 - Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        double root = Math.Sqrt(a * c - b * b), scale = Math.Sqrt(a + c + 2 * root);
        double[,] sqrtM = { { (a + root) / scale, b / scale }, { b / scale, (c + root) / scale } };
        double det = sqrtM[0, 0] * sqrtM[1, 1] - sqrtM[0, 1] * sqrtM[1, 0];
        double[,] B =
        {
            { Math.Sqrt(lambdaMin) * sqrtM[1, 1] / det, -Math.Sqrt(lambdaMin) * sqrtM[0, 1] / det },
            { -Math.Sqrt(lambdaMin) * sqrtM[1, 0] / det, Math.Sqrt(lambdaMin) * sqrtM[0, 0] / det },
        };
        double[] alpha = [B[0, 0] + B[1, 0], B[0, 1] + B[1, 1]];
        Close(Combine(alpha, [g1, g2]), problem.SharedGradient(), 1e-9, "direction");

        // The aligned gradients B·G are orthogonal, each of squared norm λ_min.
        var aligned1 = Add(Scale(B[0, 0], g1), Scale(B[0, 1], g2));
        var aligned2 = Add(Scale(B[1, 0], g1), Scale(B[1, 1], g2));
        Assert.Equal(0.0, Dot(aligned1, aligned2), 9);
        Assert.Equal(lambdaMin, Dot(aligned1, aligned1), 9);
        Assert.Equal(lambdaMin, Dot(aligned2, aligned2), 9);
    }

    [Fact]
    public void Preferences_weigh_the_aligned_gradients()
    {
        double[] g1 = [3, 1], g2 = [-1, 2];
        var plain = new LinearTasks([g1, g2]);
        var weighted = new LinearTasks([g1, g2]);
        var withOnes = plain.Attach(new AlignedMTL());
        var withPreferences = weighted.Attach(new AlignedMTL(preferences: [2.0, 0.5]));
        withOnes.Backward(plain.Step([1, 1]));
        withPreferences.Backward(weighted.Step([1, 1]));

        // α = Bᵀp, with B symmetric: α(p) is linear in p, so α([2, ½]) = 2·α(e₁) + ½·α(e₂), and α(1) = α(e₁) + α(e₂).
        var solution = AlignedMtlSolver.Solve(GramMatrix.FromGradients(g1, g2));
        var B = solution.Alignment;
        double[] expected = [2 * B[0, 0] + 0.5 * B[1, 0], 2 * B[0, 1] + 0.5 * B[1, 1]];
        Close(Combine(expected, [g1, g2]), weighted.SharedGradient(), 1e-9, "direction with preferences");
        Assert.Throws<ArgumentException>(() => new LinearTasks([g1, g2]).Attach(new AlignedMTL(preferences: [1.0])));
    }
}
