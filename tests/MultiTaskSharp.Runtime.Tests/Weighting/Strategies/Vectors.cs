using System;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>Plain vector arithmetic for the hand computations of the strategy tests.</summary>
public static class Vectors
{
    public static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    public static double[] Scale(double s, double[] a) => a.Select(x => s * x).ToArray();

    public static double[] Add(params double[][] vectors)
        => Enumerable.Range(0, vectors[0].Length).Select(i => vectors.Sum(v => v[i])).ToArray();

    /// <summary>Σ α_t g_t.</summary>
    public static double[] Combine(double[] alpha, double[][] gradients)
        => Add(gradients.Select((g, t) => Scale(alpha[t], g)).ToArray());

    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1.0, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:G10}, got {actual[i]:G10} (all: expected [{string.Join(", ", expected.Select(x => x.ToString("G6")))}], got [{string.Join(", ", actual.Select(x => x.ToString("G6")))}]).");
        }
    }
}
