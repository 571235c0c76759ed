using System;

namespace MultiTaskSharp;

/// <summary>
/// Aligned-MTL's coefficients: the task gradients are replaced by the closest (Procrustes) set of orthogonal
/// gradients of equal norm, <c>B·G</c>, and the direction is their preference-weighted sum
/// <c>d = pᵀBG = Σ_t (Bᵀp)_t g_t</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Dmitry Senushkin, Nikolay Patakin, Arseny Kuznetsov and Anton Konushin, "Independent Component
/// Alignment for Multi-Task Learning", CVPR 2023. Official code: SamsungLabs/MTL (<c>ProcrustesSolver</c>).</para>
/// <para>Method, as in the reference: the eigen-decomposition <c>M = VΛVᵀ</c> (<c>torch.linalg.eigh</c>);
/// eigenvalues above <c>tolerance·λ_max</c> are kept (rank r); <c>B = σ·V_r Λ_r^{-1/2} V_rᵀ</c> with
/// <c>σ² = λ_min</c>, the smallest kept eigenvalue (or the median or mean, <see cref="AlignedMtlScale"/>);
/// <c>α = Bᵀp</c>, which for the default preferences p = 1 is B's column sums, the reference's
/// <c>weights.sum(-1)</c> (B is symmetric). At full rank the aligned gradients satisfy
/// <c>(BG)(BG)ᵀ = σ²I</c>; at rank r &lt; T, <c>σ²·V_rV_rᵀ</c>.</para>
/// <para>The default tolerance is the reference's <c>T·ε</c> with ε the single-precision machine epsilon
/// (its <c>torch.finfo().eps</c>): gradients arrive in single precision, so smaller eigenvalues are noise.</para>
/// <para>Degenerate inputs: α does not depend on the gradients' scale. Rank deficiency (identical or linearly
/// dependent gradients, a zero gradient) drops the null directions: a zero gradient's coefficient does
/// not change d. All gradients zero (rank 0, where the reference fails): B = I and α = p. T = 1: α = p.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class AlignedMtlSolver
{
    /// <summary>Single-precision machine epsilon (<c>torch.finfo(torch.float32).eps</c>).</summary>
    private const double SingleEpsilon = 1.1920928955078125e-7;

    /// <summary>The reference's relative rank tolerance for T tasks: <c>T·ε_float32</c>.</summary>
    public static double DefaultRankTolerance(int taskCount) => taskCount * SingleEpsilon;

    /// <summary>Computes Aligned-MTL's coefficients for <paramref name="gram"/>.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="preferences">The task preferences p (finite, one per task), or empty for all ones.</param>
    /// <param name="scale">Which kept eigenvalue sets the aligned gradients' squared norm.</param>
    /// <param name="rankTolerance">Eigenvalues at or below this fraction of the largest are dropped, in [0, 1); default <see cref="DefaultRankTolerance"/>.</param>
    public static AlignedMtlSolution Solve(GramMatrix gram, ReadOnlySpan<double> preferences = default,
        AlignedMtlScale scale = AlignedMtlScale.Min, double? rankTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(gram);
        int n = gram.TaskCount;
        var p = new double[n];
        if (preferences.IsEmpty)
        {
            Array.Fill(p, 1.0);
        }
        else
        {
            gram.CheckLength(preferences, nameof(preferences));
            for (int t = 0; t < n; t++)
            {
                if (!double.IsFinite(preferences[t]))
                    throw new ArgumentException($"Aligned-MTL preference #{t} must be finite but is {preferences[t]}.", nameof(preferences));
                p[t] = preferences[t];
            }
        }
        if (!Enum.IsDefined(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown Aligned-MTL scale.");
        double tolerance = rankTolerance ?? DefaultRankTolerance(n);
        if (!(tolerance >= 0 && tolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(rankTolerance), tolerance, "The rank tolerance is a fraction of the largest eigenvalue and must be in [0, 1).");

        double matrixScale = gram.MaxSquaredNorm;
        if (matrixScale == 0)
            return new AlignedMtlSolution(p, Identity(n), 0, 0);

        // B does not depend on M's scale; a unit largest diagonal keeps LAPACK away from under/overflow.
        var (values, vectors) = SmallLinearAlgebra.SymmetricEigen(gram.Scale(1.0 / matrixScale).ToArray());
        double largest = values[n - 1];                            // eigh sorts ascending
        int rank = 0;
        for (int i = 0; i < n; i++)
        {
            if (values[i] > tolerance * largest)
                rank++;
        }
        var kept = new double[rank];                               // descending, as in the reference
        for (int i = 0; i < rank; i++)
            kept[i] = values[n - 1 - i];
        double squaredScale = scale switch
        {
            AlignedMtlScale.Min => kept[rank - 1],
            AlignedMtlScale.Median => kept[rank - 1 - (rank - 1) / 2],
            _ => Mean(kept),
        };

        var b = new double[n, n];
        for (int i = 0; i < rank; i++)
        {
            int column = n - 1 - i;
            double factor = Math.Sqrt(squaredScale / kept[i]);
            for (int row = 0; row < n; row++)
                for (int col = 0; col < n; col++)
                    b[row, col] += factor * vectors[row, column] * vectors[col, column];
        }

        var alpha = new double[n];
        for (int t = 0; t < n; t++)
            for (int s = 0; s < n; s++)
                alpha[t] += b[s, t] * p[s];
        return new AlignedMtlSolution(alpha, b, rank, squaredScale * matrixScale);
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double value in values)
            sum += value;
        return sum / values.Length;
    }

    private static double[,] Identity(int n)
    {
        var identity = new double[n, n];
        for (int t = 0; t < n; t++)
            identity[t, t] = 1.0;
        return identity;
    }
}
