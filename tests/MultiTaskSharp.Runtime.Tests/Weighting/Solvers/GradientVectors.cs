using System;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>
/// Explicit task gradient vectors for the solver tests, and the plain vector arithmetic the tests use to check
/// the solvers' coefficients independently of the Gram-matrix code paths.
/// </summary>
internal static class GradientVectors
{
    /// <summary>T random Gaussian gradients of length P (general position: linearly independent when P ≥ T).</summary>
    public static double[][] Random(Random random, int tasks, int length, double scale = 1.0)
    {
        var g = new double[tasks][];
        for (int t = 0; t < tasks; t++)
        {
            g[t] = new double[length];
            for (int k = 0; k < length; k++)
                g[t][k] = scale * Gaussian(random);
        }
        return g;
    }

    public static double Gaussian(Random random)
    {
        // Box–Muller: System.Random has no normal sampler.
        double u = 1.0 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
            sum += a[k] * b[k];
        return sum;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary><c>Σ_t c_t g_t</c>.</summary>
    public static double[] Combine(double[][] g, double[] coefficients)
    {
        var d = new double[g[0].Length];
        for (int t = 0; t < g.Length; t++)
            for (int k = 0; k < d.Length; k++)
                d[k] += coefficients[t] * g[t][k];
        return d;
    }

    /// <summary>The Gram matrix of <paramref name="g"/>, computed here rather than by the product.</summary>
    public static GramMatrix Gram(double[][] g)
    {
        var m = new double[g.Length, g.Length];
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < g.Length; j++)
                m[i, j] = Dot(g[i], g[j]);
        return new GramMatrix(m);
    }

    public static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double value in values)
            sum += value;
        return sum;
    }

    public static void AssertFinite(double[] values, string what)
    {
        for (int t = 0; t < values.Length; t++)
            Xunit.Assert.True(double.IsFinite(values[t]), $"{what}[{t}] = {values[t]} is not finite");
    }

    public static void AssertClose(double expected, double actual, double tolerance, string what)
        => Xunit.Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(expected - actual):G3} > {tolerance:G3})");

    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.Length; t++)
            AssertClose(expected[t], actual[t], tolerance, $"{what}[{t}]");
    }
}
