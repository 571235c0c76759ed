using System;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>MGDA's gradient normalisations rescale the Gram matrix as dividing each gradient by its normaliser would.</summary>
public sealed class MgdaGradientNormalizerTests
{
    private static readonly double[][] G = [[3, 4, 0], [0, 1, 0], [-1, 0, 2]];
    private static readonly double[] Losses = [0.5, 2.0, 4.0];

    [Theory]
    [InlineData(MgdaGradientNormalization.None)]
    [InlineData(MgdaGradientNormalization.L2)]
    [InlineData(MgdaGradientNormalization.Loss)]
    [InlineData(MgdaGradientNormalization.LossPlus)]
    public void The_normalised_gram_is_that_of_the_divided_gradients(MgdaGradientNormalization kind)
    {
        double[] normalizers = G.Select((g, t) => kind switch
        {
            MgdaGradientNormalization.None => 1.0,
            MgdaGradientNormalization.L2 => Norm(g),
            MgdaGradientNormalization.Loss => Losses[t],
            _ => Losses[t] * Norm(g),
        }).ToArray();
        var divided = G.Select((g, t) => g.Select(x => x / normalizers[t]).ToArray()).ToArray();
        var expected = Gram(divided);

        var normalized = MgdaGradientNormalizer.Normalize(Gram(G), Losses, kind);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                AssertClose(expected[i, j], normalized.Gram[i, j], 1e-14, $"M[{i},{j}]");
        AssertClose(normalizers.Select(n => 1 / n).ToArray(), normalized.Scales, 1e-15, "scales");
    }

    [Fact]
    public void Weights_for_the_normalised_gradients_carry_back_to_the_original_ones()
    {
        var normalized = MgdaGradientNormalizer.Normalize(Gram(G), Losses, MgdaGradientNormalization.L2);
        var weights = MgdaMinNormSolver.Solve(normalized.Gram).Weights;
        var unitGradients = G.Select(g => g.Select(x => x / Norm(g)).ToArray()).ToArray();
        AssertClose(Combine(unitGradients, weights), Combine(G, normalized.ToOriginalCoefficients(weights)), 1e-14, "d");
    }

    [Fact]
    public void A_zero_normaliser_keeps_scale_one()
    {
        double[][] g = [[1, 0], [0, 0]];
        var l2 = MgdaGradientNormalizer.Normalize(Gram(g), [], MgdaGradientNormalization.L2);
        Assert.Equal([1.0, 1.0], l2.Scales);
        var loss = MgdaGradientNormalizer.Normalize(Gram(g), [0.0, 2.0], MgdaGradientNormalization.Loss);
        Assert.Equal([1.0, 0.5], loss.Scales);
    }

    [Fact]
    public void Loss_normalisations_need_one_finite_non_negative_loss_per_task()
    {
        var gram = Gram(G);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => MgdaGradientNormalizer.Normalize(gram, [1.0], MgdaGradientNormalization.Loss)).ParamName);
        var negative = Assert.Throws<ArgumentException>(() => MgdaGradientNormalizer.Normalize(gram, [1.0, -1.0, 1.0], MgdaGradientNormalization.LossPlus));
        Assert.Contains("#1", negative.Message);
        // The gradient-only normalisations do not read losses.
        Assert.Equal(3, MgdaGradientNormalizer.Normalize(gram, [], MgdaGradientNormalization.None).Scales.Length);
    }
}
