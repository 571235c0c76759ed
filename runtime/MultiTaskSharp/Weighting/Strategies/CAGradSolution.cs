namespace MultiTaskSharp;

/// <summary>The result of <see cref="CAGradSolver.Solve"/>.</summary>
/// <param name="Coefficients">α: CAGrad's (rescaled) direction is <c>d = Σ α_t g_t</c>.</param>
/// <param name="SimplexWeights">The w on the simplex minimising the dual objective; <c>g_w = Σ w_t g_t</c>.</param>
/// <param name="Lambda"><c>λ = c‖g0‖/‖g_w‖</c>, the weight of <c>g_w</c> in <c>d = g0 + λ g_w</c> before rescaling (0 in the degenerate cases).</param>
/// <param name="Iterations">Accelerated projected-gradient iterations run.</param>
/// <param name="DualityGap">The Frank–Wolfe gap at w, in units of <c>max_t ‖g_t‖²</c>: an upper bound on the objective's distance to its minimum.</param>
/// <param name="Converged">Whether the gap reached the tolerance.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct CAGradSolution(double[] Coefficients, double[] SimplexWeights, double Lambda, int Iterations, double DualityGap, bool Converged);
