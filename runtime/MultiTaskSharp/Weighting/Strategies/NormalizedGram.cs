namespace MultiTaskSharp;

/// <summary>The result of <see cref="MgdaGradientNormalizer.Normalize"/>.</summary>
/// <param name="Gram">The Gram matrix of the normalised gradients <c>s_t·g_t</c>: <c>s_i·s_j·M_ij</c>.</param>
/// <param name="Scales">
/// The per-task scales <c>s_t = 1/n_t</c>. Weights <c>w</c> found for the normalised gradients apply to the
/// original ones as <c>α_t = w_t·s_t</c>, since <c>Σ w_t (s_t g_t) = Σ (w_t s_t) g_t</c>.
/// </param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct NormalizedGram(GramMatrix Gram, double[] Scales)
{
    /// <summary>The coefficients of the original gradients for <paramref name="weights"/> of the normalised ones: <c>w_t·s_t</c>.</summary>
    public double[] ToOriginalCoefficients(System.ReadOnlySpan<double> weights)
    {
        Gram.CheckLength(weights, nameof(weights));
        var coefficients = new double[weights.Length];
        for (int t = 0; t < weights.Length; t++)
            coefficients[t] = weights[t] * Scales[t];
        return coefficients;
    }
}
