using System;
using System.ComponentModel;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// FairGrad's weights: the positive solution w of <c>(Gw)_t = w_t^(−1/α)</c> for every task (G the Gram matrix), i.e.
/// the α-fair allocation of the update <c>d = Σ w_t g_t</c>, where task t's "utility" is <c>g_t·d = w_t^(−1/α)</c>.
/// </summary>
/// <remarks>
/// The equation is the stationarity condition of the strictly convex potential
/// <c>φ(w) = ½wᵀGw − Σ_t h(w_t)</c> with <c>h'(w) = w^(−1/α)</c> (<c>h = log</c> for α = 1, where FairGrad is Nash-MTL's
/// bargaining solution); this solves it by damped Newton steps on φ that keep w positive, starting from 1/T as the
/// reference does. The reference (OptMN-Lab/fairgrad, and LibMTL) minimises the residual with scipy's
/// <c>least_squares</c> under <c>w ≥ 0</c>; at a positive solution both give the same w. A ridge of 1e-10 times the
/// largest diagonal entry keeps φ bounded below when the gradients are linearly dependent.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FairGradSolver
{
    private const int MaxIterations = 200;
    private const double RelativeTolerance = 1e-12;
    private const double Ridge = 1e-10;

    /// <summary>The weights w for fairness α &gt; 0.</summary>
    public static double[] Solve(GramMatrix gram, double alpha)
    {
        ArgumentNullException.ThrowIfNull(gram);
        if (!double.IsFinite(alpha) || alpha <= 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "FairGrad's α must be a finite, positive number.");
        int n = gram.TaskCount;
        var g = gram.ToArray();
        double maxDiagonal = Enumerable.Range(0, n).Max(t => g[t, t]);
        if (!(maxDiagonal > 0))
            return Enumerable.Repeat(1.0 / n, n).ToArray();   // every gradient is zero: nothing to allocate
        for (int t = 0; t < n; t++)
            g[t, t] += Ridge * maxDiagonal;

        var w = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var residual = Residual(g, w, alpha);
            double scale = Enumerable.Range(0, n).Max(t => Math.Pow(w[t], -1 / alpha));
            if (residual.Max(Math.Abs) <= RelativeTolerance * scale)
                break;
            var hessian = (double[,])g.Clone();
            for (int t = 0; t < n; t++)
                hessian[t, t] += Math.Pow(w[t], -1 / alpha - 1) / alpha;
            var step = SmallLinearAlgebra.Solve(hessian, residual) ?? residual;
            // Backtracking on φ, keeping every weight positive.
            double current = Potential(g, w, alpha), size = 1;
            double[] next = w;
            for (int tries = 0; tries < 60; tries++, size /= 2)
            {
                next = w.Select((x, t) => x - size * step[t]).ToArray();
                if (next.All(x => x > 0) && Potential(g, next, alpha) <= current)
                    break;
            }
            if (!next.All(x => x > 0))
                break;
            w = next;
        }
        return w;
    }

    /// <summary><c>(Gw)_t − w_t^(−1/α)</c>, the equation's residual.</summary>
    public static double[] Residual(double[,] g, double[] w, double alpha)
    {
        int n = w.Length;
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
                row += g[i, j] * w[j];
            r[i] = row - Math.Pow(w[i], -1 / alpha);
        }
        return r;
    }

    private static double Potential(double[,] g, double[] w, double alpha)
    {
        int n = w.Length;
        double quadratic = 0, barrier = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                quadratic += w[i] * g[i, j] * w[j];
            barrier += alpha == 1 ? Math.Log(w[i]) : Math.Pow(w[i], 1 - 1 / alpha) / (1 - 1 / alpha);
        }
        return 0.5 * quadratic - barrier;
    }
}
