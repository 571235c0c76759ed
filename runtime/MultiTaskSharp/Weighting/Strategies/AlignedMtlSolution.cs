namespace MultiTaskSharp;

/// <summary>The result of <see cref="AlignedMtlSolver.Solve"/>.</summary>
/// <param name="Coefficients">α = Bᵀp: the direction is <c>d = Σ α_t g_t</c>, the preference-weighted sum of the aligned gradients.</param>
/// <param name="Alignment">
/// The symmetric T×T matrix B: the aligned gradients are the rows of <c>B·G</c>, which satisfy
/// <c>(BG)(BG)ᵀ = σ²·P</c> with P the projector onto the kept eigenvectors (the identity at full rank).
/// </param>
/// <param name="Rank">The number of eigenvalues kept (above the tolerance).</param>
/// <param name="SquaredScale">σ²: at full rank the aligned gradients are orthogonal with squared norm σ² each.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct AlignedMtlSolution(double[] Coefficients, double[,] Alignment, int Rank, double SquaredScale);
