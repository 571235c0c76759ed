namespace MultiTaskSharp;

/// <summary>
/// The common squared norm σ² that Aligned-MTL gives its aligned (orthogonal) gradients, from the kept
/// eigenvalues λ of the Gram matrix (the reference's <c>scale_mode</c>).
/// </summary>
public enum AlignedMtlScale
{
    /// <summary>The smallest kept eigenvalue (the paper, and the reference's default).</summary>
    Min,

    /// <summary>The median of the kept eigenvalues (the lower one of the two middle values for an even count, as <c>torch.median</c>).</summary>
    Median,

    /// <summary>The mean of the kept eigenvalues (the reference's <c>'rmse'</c>).</summary>
    Mean,
}
