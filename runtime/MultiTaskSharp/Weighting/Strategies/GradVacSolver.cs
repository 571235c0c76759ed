using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace MultiTaskSharp;

/// <summary>
/// Gradient Vaccine on the Gram matrix: for each task i, visiting the others j in the given order, when the cosine
/// <c>φ_ij</c> between i's current (already adjusted) gradient and <c>g_j</c> is below the target <c>φ̂_ij</c>, adds
/// <c>w·g_j</c> with <c>w = ‖g'_i‖(φ̂_ij√(1−φ_ij²) − φ_ij√(1−φ̂_ij²)) / (‖g_j‖√(1−φ̂_ij²))</c>, which raises the cosine
/// to exactly <c>φ̂_ij</c>; then moves the target towards the observed cosine,
/// <c>φ̂_ij ← (1−β)φ̂_ij + βφ_ij</c>. The direction is the sum of the adjusted gradients.
/// </summary>
/// <remarks>
/// Every adjusted gradient is a linear combination of the original ones, so the whole procedure runs on coefficient
/// vectors and the Gram matrix (<c>g'_i·g_j = (c_i G)_j</c>, <c>‖g'_i‖² = c_iᵀGc_i</c>), as <see cref="PCGradSolver"/>
/// does; the answer is the coefficients of the original gradients. A zero gradient is skipped (no angle).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradVacSolver
{
    /// <summary>The coefficients of the original gradients; <paramref name="targets"/> (T×T, row-major) is updated in place.</summary>
    public static double[] Solve(GramMatrix gram, IReadOnlyList<IReadOnlyList<int>> visitingOrders, double[] targets, double beta)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(visitingOrders);
        ArgumentNullException.ThrowIfNull(targets);
        int n = gram.TaskCount;
        if (targets.Length != n * n)
            throw new ArgumentException($"Expected {n * n} similarity targets but got {targets.Length}.", nameof(targets));
        var alpha = new double[n];
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(c);
            c[i] = 1.0;
            foreach (int j in visitingOrders[i])
            {
                double normJ = gram.Norm(j);
                double dot = 0, squared = 0;
                for (int s = 0; s < n; s++)
                {
                    dot += c[s] * gram[s, j];
                    for (int r = 0; r < n; r++)
                        squared += c[s] * gram[s, r] * c[r];
                }
                double normI = Math.Sqrt(Math.Max(0, squared));
                if (normI == 0 || normJ == 0)
                    continue;
                double phi = dot / (normI * normJ);
                double target = targets[i * n + j];
                if (phi < target)
                {
                    double w = normI * (target * Math.Sqrt(Math.Max(0, 1 - phi * phi)) - phi * Math.Sqrt(Math.Max(0, 1 - target * target)))
                        / (normJ * Math.Sqrt(Math.Max(0, 1 - target * target)));
                    c[j] += w;
                }
                targets[i * n + j] = (1 - beta) * target + beta * phi;
            }
            for (int s = 0; s < n; s++)
                alpha[s] += c[s];
        }
        return alpha;
    }
}
