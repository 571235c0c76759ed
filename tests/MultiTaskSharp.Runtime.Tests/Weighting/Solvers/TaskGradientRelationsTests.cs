using System;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>Norms and cosine similarities read off the Gram matrix equal those of the vectors.</summary>
public sealed class TaskGradientRelationsTests
{
    [Fact]
    public void Norms_and_cosines_match_the_vectors()
    {
        var g = GradientVectors.Random(new Random(81), 4, 6);
        var gram = Gram(g);
        var norms = TaskGradientRelations.Norms(gram);
        var cosines = TaskGradientRelations.Cosines(gram);
        for (int i = 0; i < 4; i++)
        {
            AssertClose(Norm(g[i]), norms[i], 1e-13, $"‖g_{i}‖");
            for (int j = 0; j < 4; j++)
                AssertClose(Dot(g[i], g[j]) / (Norm(g[i]) * Norm(g[j])), cosines[i, j], 1e-13, $"cos[{i},{j}]");
        }
    }

    [Fact]
    public void A_zero_gradient_has_zero_cosines_and_opposite_ones_minus_one()
    {
        var cosines = TaskGradientRelations.Cosines(Gram([[1, 2], [0, 0], [-2, -4]]));
        Assert.Equal(0.0, cosines[1, 1]);
        Assert.Equal(0.0, cosines[0, 1]);
        Assert.Equal(1.0, cosines[0, 0], 14);
        Assert.Equal(-1.0, cosines[0, 2], 14);
        Assert.InRange(cosines[0, 2], -1.0, 1.0);
    }
}
