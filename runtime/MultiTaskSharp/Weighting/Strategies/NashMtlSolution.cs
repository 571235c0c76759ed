namespace MultiTaskSharp;

/// <summary>The result of <see cref="NashMtlSolver.Solve"/>.</summary>
/// <param name="Weights">α &gt; 0: the shared direction is <c>d = Σ α_t g_t</c>. Pass it back as the next step's warm start.</param>
/// <param name="Iterations">Newton iterations run.</param>
/// <param name="MaxResidual"><c>max_t |α_t·((M + δI)α)_t − 1|</c> at the returned α.</param>
/// <param name="Converged">Whether <paramref name="MaxResidual"/> reached the tolerance.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct NashMtlSolution(double[] Weights, int Iterations, double MaxResidual, bool Converged);
