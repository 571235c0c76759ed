using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Solvers.GradientVectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>GramMatrix validates its input, symmetrises it and reads it from vectors or a device tensor.</summary>
public sealed class GramMatrixTests
{
    [Fact]
    public void From_gradients_holds_every_pairwise_dot_product()
    {
        var g = GradientVectors.Random(new Random(1), 3, 5);
        var gram = GramMatrix.FromGradients(g);
        Assert.Equal(3, gram.TaskCount);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                AssertClose(Dot(g[i], g[j]), gram[i, j], 1e-14, $"M[{i},{j}]");
        AssertClose(Norm(g[2]), gram.Norm(2), 1e-14, "‖g_2‖");
        AssertClose(g.Max(v => Dot(v, v)), gram.MaxSquaredNorm, 0, "max ‖g‖²");
    }

    [Fact]
    public void From_tensor_copies_a_single_precision_product_and_symmetrises_it()
    {
        var g = GradientVectors.Random(new Random(2), 4, 1000);
        using var scope = torch.NewDisposeScope();
        var stacked = torch.tensor(g.SelectMany(row => row).ToArray(), torch.ScalarType.Float64).reshape(4, 1000).to(torch.ScalarType.Float32);
        var gram = GramMatrix.FromTensor(stacked.mm(stacked.t()));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(gram[j, i], gram[i, j]);
                AssertClose(Dot(g[i], g[j]), gram[i, j], 1e-5 * Math.Sqrt(Dot(g[i], g[i]) * Dot(g[j], g[j])), $"M[{i},{j}]");
            }
        }
    }

    [Fact]
    public void From_tensor_rejects_a_tensor_that_is_not_a_square_float_matrix()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => GramMatrix.FromTensor(torch.zeros(2, 3))).Message);
        Assert.Contains("Int64", Assert.Throws<ArgumentException>(() => GramMatrix.FromTensor(torch.zeros(2, 2, torch.ScalarType.Int64))).Message);
    }

    [Fact]
    public void Entries_within_the_symmetry_tolerance_are_averaged()
    {
        var gram = new GramMatrix(new double[,] { { 4, 1.00001 }, { 0.99999, 1 } });
        Assert.Equal(1.0, gram[0, 1], 12);
        Assert.Equal(1.0, gram[1, 0], 12);
    }

    [Fact]
    public void Invalid_matrices_are_rejected_with_what_is_wrong()
    {
        Assert.Contains("2×3", Assert.Throws<ArgumentException>(() => new GramMatrix(new double[2, 3])).Message);
        Assert.Contains("0×0", Assert.Throws<ArgumentException>(() => new GramMatrix(new double[0, 0])).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => new GramMatrix(new double[,] { { 1, double.NaN }, { 0, 1 } })).Message);
        var negative = Assert.Throws<ArgumentException>(() => new GramMatrix(new double[,] { { 1, 0 }, { 0, -2 } }));
        Assert.Contains("[1, 1]", negative.Message);
        Assert.Contains("-2", negative.Message);
        var asymmetric = Assert.Throws<ArgumentException>(() => new GramMatrix(new double[,] { { 1, 0.5 }, { 0.4, 1 } }));
        Assert.Contains("symmetric", asymmetric.Message);
        Assert.Contains("0.5", asymmetric.Message);
        Assert.Contains("0.4", asymmetric.Message);
        Assert.Equal("values", asymmetric.ParamName);
    }

    [Fact]
    public void The_constructor_copies_its_input()
    {
        var values = new double[,] { { 1, 0 }, { 0, 1 } };
        var gram = new GramMatrix(values);
        values[0, 0] = 7;
        Assert.Equal(1.0, gram[0, 0]);
        var copy = gram.ToArray();
        copy[1, 1] = 7;
        Assert.Equal(1.0, gram[1, 1]);
    }

    [Fact]
    public void Scaling_scales_the_gradients_behind_the_matrix()
    {
        var g = GradientVectors.Random(new Random(3), 3, 4);
        var gram = Gram(g);
        var scales = new[] { 2.0, -0.5, 3.0 };
        var scaled = gram.ScaleTasks(scales);
        var expected = Gram(g.Select((v, t) => v.Select(x => x * scales[t]).ToArray()).ToArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                AssertClose(expected[i, j], scaled[i, j], 1e-12, $"S·M·S[{i},{j}]");
        AssertClose(4 * gram[0, 2], gram.Scale(4)[0, 2], 1e-14, "4M");
        double frobenius = Math.Sqrt(Enumerable.Range(0, 9).Sum(k => gram[k / 3, k % 3] * gram[k / 3, k % 3]));
        AssertClose(frobenius, gram.FrobeniusNorm, 1e-12, "‖M‖_F");
    }
}
