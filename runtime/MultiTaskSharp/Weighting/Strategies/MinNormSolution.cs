namespace MultiTaskSharp;

/// <summary>The result of <see cref="MgdaMinNormSolver.Solve"/>.</summary>
/// <param name="Weights">α on the simplex: the shared direction is <c>d = Σ α_t g_t</c>.</param>
/// <param name="SquaredNorm"><c>‖d‖² = αᵀMα</c> in the units of the Gram matrix given.</param>
/// <param name="Iterations">Projected-gradient iterations run (0 for T ≤ 2 and the degenerate cases).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct MinNormSolution(double[] Weights, double SquaredNorm, int Iterations);
