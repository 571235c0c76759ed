using System;
using System.Collections.Generic;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Solvers;

/// <summary>Brute-force minimisation over the probability simplex, independent of the product's solvers.</summary>
internal static class SimplexReference
{
    /// <summary>
    /// The exact min-norm point of the convex hull of the gradients with (positive definite) Gram matrix m: every
    /// face (support S) is tried, the equality-constrained minimum on it solved from its KKT system
    /// <c>[2M_S 1; 1ᵀ 0][α; μ] = [0; 1]</c>, and the best feasible one kept.
    /// </summary>
    public static (double[] Alpha, double SquaredNorm) MinNormByFaces(double[,] m)
    {
        int n = m.GetLength(0);
        double best = double.PositiveInfinity;
        double[] bestAlpha = new double[n];
        for (int mask = 1; mask < 1 << n; mask++)
        {
            var support = new List<int>();
            for (int t = 0; t < n; t++)
                if ((mask & (1 << t)) != 0)
                    support.Add(t);
            int k = support.Count;
            var a = new double[k + 1, k + 1];
            var b = new double[k + 1];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                    a[i, j] = 2 * m[support[i], support[j]];
                a[i, k] = 1;
                a[k, i] = 1;
            }
            b[k] = 1;
            var x = GaussianElimination(a, b);
            if (x is null)
                continue;
            var alpha = new double[n];
            bool feasible = true;
            for (int i = 0; i < k; i++)
            {
                if (x[i] < -1e-12)
                    feasible = false;
                alpha[support[i]] = Math.Max(0, x[i]);
            }
            if (!feasible)
                continue;
            double value = Quadratic(m, alpha);
            if (value < best)
            {
                best = value;
                bestAlpha = alpha;
            }
        }
        return (bestAlpha, best);
    }

    /// <summary>The minimum of <paramref name="f"/> over a grid of step 1/<paramref name="divisions"/> on the simplex (T = 2 or 3).</summary>
    public static (double[] W, double Value) GridMinimum(int tasks, int divisions, Func<double[], double> f)
    {
        double best = double.PositiveInfinity;
        double[] bestW = [];
        if (tasks == 2)
        {
            for (int i = 0; i <= divisions; i++)
            {
                var w = new[] { (double)i / divisions, (double)(divisions - i) / divisions };
                double value = f(w);
                if (value < best)
                    (best, bestW) = (value, w);
            }
        }
        else if (tasks == 3)
        {
            for (int i = 0; i <= divisions; i++)
            {
                for (int j = 0; i + j <= divisions; j++)
                {
                    var w = new[] { (double)i / divisions, (double)j / divisions, (double)(divisions - i - j) / divisions };
                    double value = f(w);
                    if (value < best)
                        (best, bestW) = (value, w);
                }
            }
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "Grid search is for 2 or 3 tasks.");
        }
        return (bestW, best);
    }

    public static double Quadratic(double[,] m, double[] w)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
            for (int j = 0; j < w.Length; j++)
                sum += w[i] * m[i, j] * w[j];
        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting; null when a pivot vanishes.</summary>
    public static double[]? GaussianElimination(double[,] matrix, double[] rightHandSide)
    {
        int n = rightHandSide.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rightHandSide.Clone();
        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < n; row++)
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                    pivot = row;
            if (Math.Abs(a[pivot, column]) < 1e-12)
                return null;
            if (pivot != column)
            {
                for (int j = 0; j < n; j++)
                    (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
                (b[column], b[pivot]) = (b[pivot], b[column]);
            }
            for (int row = column + 1; row < n; row++)
            {
                double factor = a[row, column] / a[column, column];
                for (int j = column; j < n; j++)
                    a[row, j] -= factor * a[column, j];
                b[row] -= factor * b[column];
            }
        }
        var x = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int j = row + 1; j < n; j++)
                sum -= a[row, j] * x[j];
            x[row] = sum / a[row, row];
        }
        return x;
    }
}
