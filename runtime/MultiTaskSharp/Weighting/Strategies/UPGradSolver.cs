using System;
using System.ComponentModel;

namespace MultiTaskSharp;

/// <summary>
/// UPGrad's weights from the Gram matrix: for each task i, the projection of <c>u_i·g_i</c> onto the dual cone of the
/// gradients, <c>π(Jᵀu e_i) = Jᵀv⁽ⁱ⁾</c>, with <c>v⁽ⁱ⁾ = argmin vᵀGv subject to v ≥ u_i e_i</c> (Proposition 1 of the
/// paper); the update's weights are <c>w = Σ_i v⁽ⁱ⁾</c>.
/// </summary>
/// <remarks>
/// As TorchJD's <c>UPGrad</c>: the Gram matrix is first divided by its trace (the squared Frobenius norm of the
/// Jacobian; zero when that is below <c>normEpsilon</c>) and <c>regEpsilon·I</c> is added, so the problems are
/// strictly convex. Each problem is solved by projected coordinate descent (Gauss–Seidel with clamping) on
/// <c>v = u + x, x ≥ 0</c>, which converges for a positive definite matrix; TorchJD calls the quadprog active-set solver,
/// a Python dependency with no .NET counterpart worth adding for T×T problems.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UPGradSolver
{
    /// <summary>TorchJD's default ε for the Frobenius normalisation.</summary>
    public const double DefaultNormEpsilon = 1e-4;

    /// <summary>TorchJD's default ε of the ridge added to the normalised Gram matrix.</summary>
    public const double DefaultRegEpsilon = 1e-4;

    private const int MaxSweeps = 100_000;
    private const double Tolerance = 1e-13;

    /// <summary>The weights <c>w = Σ_i v⁽ⁱ⁾</c> for preferences <paramref name="preferences"/> (default: 1/T each).</summary>
    public static double[] Solve(GramMatrix gram, ReadOnlySpan<double> preferences = default, double normEpsilon = DefaultNormEpsilon, double regEpsilon = DefaultRegEpsilon)
    {
        ArgumentNullException.ThrowIfNull(gram);
        int n = gram.TaskCount;
        if (!preferences.IsEmpty && preferences.Length != n)
            throw new ArgumentException($"Expected {n} preferences but got {preferences.Length}.", nameof(preferences));
        var g = Regularized(gram, normEpsilon, regEpsilon);
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = preferences.IsEmpty ? 1.0 / n : preferences[i];
            var lower = new double[n];
            lower[i] = u;
            var v = Project(g, lower);
            for (int t = 0; t < n; t++)
                weights[t] += v[t];
        }
        return weights;
    }

    /// <summary>The normalised, regularised Gram matrix the problems are solved on.</summary>
    public static double[,] Regularized(GramMatrix gram, double normEpsilon = DefaultNormEpsilon, double regEpsilon = DefaultRegEpsilon)
    {
        ArgumentNullException.ThrowIfNull(gram);
        int n = gram.TaskCount;
        double trace = 0;
        for (int t = 0; t < n; t++)
            trace += gram[t, t];
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                g[i, j] = trace < normEpsilon ? 0.0 : gram[i, j] / trace;
            g[i, i] += regEpsilon;
        }
        return g;
    }

    /// <summary><c>argmin vᵀGv</c> subject to <c>v ≥ lower</c>, for a positive definite G.</summary>
    public static double[] Project(double[,] g, ReadOnlySpan<double> lower)
    {
        int n = lower.Length;
        var v = lower.ToArray();
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                // Minimise over v_i alone: (Gv)_i = 0 at v_i = v_i − (Gv)_i/G_ii, clamped to the bound.
                double row = 0;
                for (int j = 0; j < n; j++)
                    row += g[i, j] * v[j];
                double next = Math.Max(lower[i], v[i] - row / g[i, i]);
                change = Math.Max(change, Math.Abs(next - v[i]) * Math.Sqrt(g[i, i]));
                v[i] = next;
            }
            if (change <= Tolerance)
                break;
        }
        return v;
    }
}
