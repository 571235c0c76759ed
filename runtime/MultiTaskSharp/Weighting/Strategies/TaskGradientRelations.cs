using System;

namespace MultiTaskSharp;

/// <summary>
/// How the task gradients relate, read off their Gram matrix: per-task norms and pairwise cosine similarities
/// (negative cosine = conflicting tasks). For monitoring; no solver needs them.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class TaskGradientRelations
{
    /// <summary>The gradient norms <c>‖g_t‖ = sqrt(M_tt)</c>.</summary>
    public static double[] Norms(GramMatrix gram)
    {
        ArgumentNullException.ThrowIfNull(gram);
        var norms = new double[gram.TaskCount];
        for (int t = 0; t < norms.Length; t++)
            norms[t] = gram.Norm(t);
        return norms;
    }

    /// <summary>
    /// The cosine similarities <c>M_ij / (‖g_i‖‖g_j‖)</c>, clamped to [−1, 1] against rounding. A zero gradient
    /// has no direction: its row and column (diagonal entry included) are 0; every other diagonal entry is 1.
    /// </summary>
    public static double[,] Cosines(GramMatrix gram)
    {
        ArgumentNullException.ThrowIfNull(gram);
        int n = gram.TaskCount;
        var norms = Norms(gram);
        var cosines = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double product = norms[i] * norms[j];
                cosines[i, j] = product > 0 ? Math.Clamp(gram[i, j] / product, -1.0, 1.0) : 0.0;
            }
        }
        return cosines;
    }
}
