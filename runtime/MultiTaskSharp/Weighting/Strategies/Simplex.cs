using System;

namespace MultiTaskSharp;

/// <summary>The probability simplex <c>{w : w_t ≥ 0, Σ w_t = 1}</c> over which MGDA and CAGrad optimise.</summary>
internal static class Simplex
{
    /// <summary>
    /// The Euclidean projection of <paramref name="y"/> onto the simplex, <c>argmin_z ‖y − z‖</c>, by the
    /// sort-and-threshold algorithm (Held, Wolfe &amp; Crowder 1974; the one in Sener &amp; Koltun's
    /// <c>_projection2simplex</c>): <c>z = max(y − τ, 0)</c> for the threshold τ at which Σz = 1.
    /// </summary>
    /// <remarks>Hand-written: neither .NET nor TorchSharp has it, and it is a dozen lines on a T-vector.</remarks>
    public static double[] Project(ReadOnlySpan<double> y)
    {
        int m = y.Length;
        var sorted = y.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        double sum = 0;
        for (int i = 0; i < m; i++)
            sum += y[i];
        double threshold = (sum - 1.0) / m;
        double partial = 0;
        for (int i = 0; i < m - 1; i++)
        {
            partial += sorted[i];
            double candidate = (partial - 1.0) / (i + 1);
            if (candidate > sorted[i + 1])
            {
                threshold = candidate;
                break;
            }
        }
        var z = new double[m];
        for (int i = 0; i < m; i++)
            z[i] = Math.Max(y[i] - threshold, 0.0);
        return z;
    }

    /// <summary>The uniform point <c>1/T</c>.</summary>
    public static double[] Uniform(int count)
    {
        var w = new double[count];
        Array.Fill(w, 1.0 / count);
        return w;
    }

    /// <summary>The vertex <c>e_t</c>.</summary>
    public static double[] Vertex(int count, int t)
    {
        var w = new double[count];
        w[t] = 1.0;
        return w;
    }
}
