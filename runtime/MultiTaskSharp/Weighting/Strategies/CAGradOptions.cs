using System;

namespace MultiTaskSharp;

/// <summary>Settings of <see cref="CAGradSolver"/>.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed record CAGradOptions
{
    /// <summary>The defaults: c = 0.5, rescale 1 (<c>1 + c²</c>), tolerance 1e-10, at most 10,000 iterations.</summary>
    public static CAGradOptions Default { get; } = new();

    /// <summary>
    /// c ≥ 0: the radius of the ball around the average gradient g0 in which the direction is sought, as a
    /// fraction of <c>‖g0‖</c>. 0 gives the average gradient; the paper's convergence result needs c &lt; 1.
    /// </summary>
    public double C { get; init; } = 0.5;

    /// <summary>How the direction is divided at the end.</summary>
    public CAGradRescale Rescale { get; init; } = CAGradRescale.OnePlusCSquared;

    /// <summary>
    /// Stop when the Frank–Wolfe duality gap <c>∇F(w)·w − min_t ∇F(w)_t</c>, an upper bound on
    /// <c>F(w) − min F</c>, is below this, in units of <c>max_t ‖g_t‖²</c>.
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>The cap on accelerated projected-gradient iterations.</summary>
    public int MaxIterations { get; init; } = 10_000;

    internal void Validate()
    {
        if (!double.IsFinite(C) || C < 0)
            throw new ArgumentOutOfRangeException(nameof(C), C, "CAGrad's c must be a finite, non-negative number.");
        if (!Enum.IsDefined(Rescale))
            throw new ArgumentOutOfRangeException(nameof(Rescale), Rescale, "CAGrad's rescale must be 0 (None), 1 (OnePlusCSquared) or 2 (OnePlusC).");
        if (!double.IsFinite(Tolerance) || Tolerance <= 0)
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "CAGrad's tolerance must be a finite, positive number.");
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIterations);
    }
}
