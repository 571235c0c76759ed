using System;

namespace MultiTaskSharp;

/// <summary>
/// MGDA's optional gradient normalisation (<see cref="MgdaGradientNormalization"/>), applied to the Gram
/// matrix: it returns the Gram matrix of the normalised gradients and the per-task scales that carry weights
/// found for them back to the original gradients.
/// </summary>
/// <remarks>
/// <para>Paper: Ozan Sener and Vladlen Koltun, "Multi-Task Learning as Multi-Objective Optimization",
/// NeurIPS 2018. The normalisations are not in the paper; they come from its official implementation
/// (isl-org/MultiObjectiveOptimization, <c>gradient_normalizers</c>, "optional and not included in the paper").</para>
/// <para>How the reference uses the weights differs between implementations: the official training script
/// multiplies the <em>original</em> losses by the weights found for the normalised gradients (dropping the
/// scales), while LibMTL applies them to the normalised gradients (keeping them). The scales returned here
/// let a strategy do either; <see cref="NormalizedGram.ToOriginalCoefficients"/> gives LibMTL's behaviour in
/// terms of the original gradients.</para>
/// <para>Degenerate inputs: a zero normaliser (a zero gradient for <see cref="MgdaGradientNormalization.L2"/>,
/// a zero loss for <see cref="MgdaGradientNormalization.Loss"/>, either for
/// <see cref="MgdaGradientNormalization.LossPlus"/>) would divide by zero (the reference produces NaN or
/// infinity); that task keeps scale 1 instead, as does one whose normaliser is so small that its reciprocal overflows. Its gradient is unchanged, which for a zero gradient is still
/// the zero vector.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class MgdaGradientNormalizer
{
    /// <summary>Normalises the gradients behind <paramref name="gram"/>.</summary>
    /// <param name="gram">The Gram matrix of the original task gradients.</param>
    /// <param name="losses">The task losses (only read by the loss-based normalisations): finite and non-negative.</param>
    /// <param name="normalization">Which normaliser <c>n_t</c> to divide each gradient by.</param>
    /// <exception cref="ArgumentException">A loss-based normalisation gets a loss per task that is missing, negative or not finite.</exception>
    public static NormalizedGram Normalize(GramMatrix gram, ReadOnlySpan<double> losses, MgdaGradientNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(gram);
        bool usesLosses = normalization is MgdaGradientNormalization.Loss or MgdaGradientNormalization.LossPlus;
        if (usesLosses)
        {
            gram.CheckLength(losses, nameof(losses));
            for (int t = 0; t < losses.Length; t++)
            {
                // The loss normalisations divide by the loss: a negative one would flip the gradient.
                if (!double.IsFinite(losses[t]) || losses[t] < 0)
                    throw new ArgumentException($"MGDA's '{normalization}' normalisation divides by the loss, so loss #{t} must be finite and non-negative but is {losses[t]}.", nameof(losses));
            }
        }

        var scales = new double[gram.TaskCount];
        for (int t = 0; t < scales.Length; t++)
        {
            double normalizer = normalization switch
            {
                MgdaGradientNormalization.None => 1.0,
                MgdaGradientNormalization.L2 => gram.Norm(t),
                MgdaGradientNormalization.Loss => losses[t],
                MgdaGradientNormalization.LossPlus => losses[t] * gram.Norm(t),
                _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown MGDA gradient normalisation."),
            };
            double scale = 1.0 / normalizer;
            scales[t] = normalizer > 0 && double.IsFinite(scale) ? scale : 1.0;
        }
        return new NormalizedGram(gram.ScaleTasks(scales), scales);
    }
}
