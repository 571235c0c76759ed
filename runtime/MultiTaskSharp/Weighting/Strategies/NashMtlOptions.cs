using System;

namespace MultiTaskSharp;

/// <summary>Settings of <see cref="NashMtlSolver"/>.</summary>
public sealed record NashMtlOptions
{
    /// <summary>The defaults: ridge 1e-8, tolerance 1e-10, at most 100 Newton iterations.</summary>
    public static NashMtlOptions Default { get; } = new();

    /// <summary>
    /// ρ: the solver solves the bargaining equation for <c>M + δI</c> with <c>δ = ρ·max_t M_tt</c>, which is the
    /// Gram matrix of the gradients each extended by a private coordinate of size <c>sqrt(δ)</c>. It guarantees a
    /// unique solution for every input and caps the weights: <c>α_t ≤ sqrt(T/δ)</c>, and a task with a zero
    /// gradient gets exactly <c>1/sqrt(δ)</c>, the weight of an orthogonal gradient of norm
    /// <c>sqrt(ρ)·max_t ‖g_t‖</c>. Other tasks move by a relative <c>O(ρ·α_t²·max M_tt)</c>, about
    /// <c>ρ·(‖g_max‖/‖g_t‖)²</c>. 0 disables it (then inputs with 0 in the convex hull of the gradients have no
    /// solution and the iteration stops at <see cref="MaxIterations"/> unconverged).
    /// </summary>
    public double RelativeRidge { get; init; } = 1e-8;

    /// <summary>Converged when <c>max_t |α_t·((M + δI)α)_t − 1| ≤ Tolerance</c> (a dimensionless residual).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>The cap on Newton iterations.</summary>
    public int MaxIterations { get; init; } = 100;

    internal void Validate()
    {
        if (!double.IsFinite(RelativeRidge) || RelativeRidge < 0)
            throw new ArgumentOutOfRangeException(nameof(RelativeRidge), RelativeRidge, "Nash-MTL's relative ridge must be a finite, non-negative number.");
        if (!double.IsFinite(Tolerance) || Tolerance <= 0)
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Nash-MTL's tolerance must be a finite, positive number.");
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIterations);
    }
}
