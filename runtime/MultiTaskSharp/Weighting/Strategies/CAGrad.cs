using System;

namespace MultiTaskSharp;

/// <summary>
/// Conflict-averse gradient descent (CAGrad): the shared part moves along the direction that maximises the worst
/// task's improvement <c>min_t g_t·d</c> within a ball of radius <c>c‖g₀‖</c> around the average gradient g₀, so it
/// stays close to plain averaging while avoiding conflicts.
/// </summary>
/// <remarks>
/// <para>Paper: Bo Liu, Xingchao Liu, Xiaojie Jin, Peter Stone and Qiang Liu, "Conflict-Averse Gradient Descent for
/// Multi-task Learning", NeurIPS 2021. Official code: Cranial-XIX/CAGrad.</para>
/// <para>Solver: <see cref="CAGradSolver"/> (the dual over the simplex, exactly: accelerated projected gradient where
/// the reference uses scipy's SLSQP), giving <c>d = (g₀ + λ g_w)/rescale</c>. Defaults c = 0.5 and rescale
/// <c>1 + c²</c> (LibMTL's; the reference's NYUv2 script uses c = 0.4).</para>
/// <para>Where this follows the reference rather than LibMTL: the direction is multiplied by the number of (present)
/// tasks, as the official NYUv2 and Cityscapes code does "to match the sum loss", so that with c = 0 CAGrad is equal
/// weighting (the sum of the losses) and keeps its learning rate; <c>scaleToSum: false</c> gives LibMTL's mean.</para>
/// <para>Parameter gradients only (as the reference and LibMTL). Tasks a batch did not label get coefficient 0. No
/// state. Cost per step: one backward pass per present task, the Gram matrix and one copy of it to the host.</para>
/// </remarks>
public sealed class CAGrad : GradientWeighting
{
    private readonly CAGradOptions _options;
    private readonly bool _scaleToSum;

    /// <summary>Creates CAGrad.</summary>
    /// <param name="c">The radius of the ball around the average gradient, relative to its norm (≥ 0).</param>
    /// <param name="rescale">How the direction is rescaled (<c>1 + c²</c> by default).</param>
    /// <param name="scaleToSum">Multiply the direction by the number of tasks, as the reference does (true), or not (LibMTL).</param>
    public CAGrad(double c = 0.5, CAGradRescale rescale = CAGradRescale.OnePlusCSquared, bool scaleToSum = true) : base(nameof(CAGrad))
    {
        if (!double.IsFinite(c) || c < 0)
            throw new ArgumentOutOfRangeException(nameof(c), c, "CAGrad's c must be a finite, non-negative number.");
        if (!Enum.IsDefined(rescale))
            throw new ArgumentOutOfRangeException(nameof(rescale), rescale, "Unknown CAGrad rescaling.");
        _options = CAGradOptions.Default with { C = c, Rescale = rescale };
        _scaleToSum = scaleToSum;
    }

    /// <summary>The radius c.</summary>
    public double C => _options.C;

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
    {
        var alpha = CAGradSolver.Solve(tasks.GramMatrix, _options).Coefficients;
        if (_scaleToSum)
        {
            for (int i = 0; i < alpha.Length; i++)
                alpha[i] *= tasks.Count;
        }
        return alpha;
    }
}
