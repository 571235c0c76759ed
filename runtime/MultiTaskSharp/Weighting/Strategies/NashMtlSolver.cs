using System;

namespace MultiTaskSharp;

/// <summary>
/// Nash-MTL's bargaining weights: the α &gt; 0 with <c>α_t·(Mα)_t = 1</c> for every task, i.e.
/// <c>g_t·d = 1/α_t</c> for the direction <c>d = Σ α_t g_t</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Aviv Navon, Aviv Shamsian, Idan Achituve, Haggai Maron, Kenji Kawaguchi, Gal Chechik and
/// Ethan Fetaya, "Multi-Task Learning as a Bargaining Game", ICML 2022. Official code: AvivNavon/nash-mtl.</para>
/// <para>Method. The equation is the stationarity condition of the strictly convex
/// <c>f(α) = ½αᵀMα − Σ log α_t</c> on α &gt; 0 (its gradient is <c>Mα − 1/α</c>), so the solution is f's unique
/// minimiser. The solver runs damped Newton on f: Hessian <c>M + diag(1/α²)</c>, step solved with
/// <c>torch.linalg.solve_ex</c>, a step length first cut to stay inside α &gt; 0 (99 % of the way to the boundary)
/// then halved until the Armijo condition holds, and the full step once the Newton decrement is below 1/4.
/// f is self-concordant (a quadratic plus a log barrier), so damped Newton converges from any start and
/// quadratically near the solution (Boyd &amp; Vandenberghe, Convex Optimization, §9.6): a few iterations
/// from a cold start, fewer from the previous step's α. The reference instead solves a sequence of
/// convex problems with cvxpy/ECOS (at most 20, stopping when <c>‖Mα − 1/α‖ &lt; 1e-3</c>); the fixed point
/// is the same.</para>
/// <para>Warm start. The previous step's α, rescaled by the factor <c>s = sqrt(T/αᵀMα)</c> that minimises f
/// along it (gradients change scale from step to step; the solution scales as <c>α(cM) = α(M)/sqrt(c)</c>).
/// Without one the start is all ones, as in the reference.</para>
/// <para>Degenerate inputs. If 0 is in the convex hull of the gradients (a zero gradient, or gradients that
/// cancel: a Pareto-stationary point) the equation has no solution (f is unbounded below). The solver
/// therefore uses <c>M + δI</c> with <c>δ = ρ·max_t M_tt</c> (<see cref="NashMtlOptions.RelativeRidge"/>, default
/// 1e-8): every input then has a unique, finite solution; a zero gradient gets exactly <c>α_t = 1/sqrt(δ)</c>
/// (the cap); gradients that cancel get large weights and a direction of near-zero norm. The reference
/// keeps the previous α when its solver fails. All gradients zero: no scale exists, α is all ones.
/// T = 1: <c>α = 1/sqrt(M_11·(1 + ρ))</c>, about <c>1/‖g‖</c>.</para>
/// <para>What belongs to the strategy, not here (reference options): the Gram matrix to solve for (the reference
/// divides GᵀG by its Frobenius norm for its objective but multiplies the norm back into every constraint, so its
/// α solves the equation for the raw <c>GᵀG</c>, which is what <see cref="NashMtl"/> passes; solving for
/// <c>M/‖M‖_F</c> instead would multiply α and d by <c>sqrt(‖M‖_F)</c>), clipping the shared
/// gradient to <c>max_norm</c> (it acts on the device-side gradient), and recomputing α only every
/// <c>update_weights_every</c> steps (reusing the last solution otherwise).</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class NashMtlSolver
{
    // Fraction of the way to the boundary α = 0 that a step may go.
    private const double FractionToBoundary = 0.99;

    // Armijo sufficient-decrease constant.
    private const double SufficientDecrease = 1e-4;

    // Below this Newton decrement the full Newton step stays inside α > 0 and decreases f (self-concordance).
    private const double FullStepDecrement = 0.25;

    /// <summary>Solves the bargaining equation for <paramref name="gram"/>.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="warmStart">The previous step's weights (positive, finite, one per task), or empty to start from ones.</param>
    /// <param name="options">Ridge, tolerance and iteration cap; <see cref="NashMtlOptions.Default"/> if null.</param>
    /// <exception cref="ArgumentException">The warm start has the wrong length or a non-positive or non-finite entry.</exception>
    public static NashMtlSolution Solve(GramMatrix gram, ReadOnlySpan<double> warmStart = default, NashMtlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gram);
        options ??= NashMtlOptions.Default;
        options.Validate();
        int n = gram.TaskCount;
        if (!warmStart.IsEmpty)
        {
            gram.CheckLength(warmStart, nameof(warmStart));
            for (int t = 0; t < n; t++)
            {
                if (!double.IsFinite(warmStart[t]) || warmStart[t] <= 0)
                    throw new ArgumentException($"Nash-MTL's warm start must be positive and finite but entry #{t} is {warmStart[t]}.", nameof(warmStart));
            }
        }

        double scale = gram.MaxSquaredNorm;
        if (scale == 0)
        {
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            return new NashMtlSolution(ones, 0, 1.0, false);
        }

        // Solve for A = M/scale + ρI (unit largest diagonal), then α = α_A / sqrt(scale): the residual
        // α_t((M + ρ·scale·I)α)_t is the same number for both.
        var a = gram.ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                a[i, j] /= scale;
            a[i, i] += options.RelativeRidge;
        }

        var alpha = new double[n];
        for (int t = 0; t < n; t++)
            alpha[t] = warmStart.IsEmpty ? 1.0 : warmStart[t];
        RescaleAlongRay(a, alpha);

        int iterations = 0;
        double residual = MaxResidual(a, alpha);
        while (residual > options.Tolerance && iterations < options.MaxIterations)
        {
            if (!NewtonStep(a, alpha))
                break;
            iterations++;
            residual = MaxResidual(a, alpha);
        }

        double unscale = 1.0 / Math.Sqrt(scale);
        for (int t = 0; t < n; t++)
            alpha[t] *= unscale;
        return new NashMtlSolution(alpha, iterations, residual, residual <= options.Tolerance);
    }

    /// <summary>Multiplies α by the <c>s = sqrt(T/αᵀAα)</c> minimising f along the ray through α.</summary>
    private static void RescaleAlongRay(double[,] a, double[] alpha)
    {
        double quadratic = Quadratic(a, alpha, alpha);
        if (!(quadratic > 0))
            return;
        double s = Math.Sqrt(alpha.Length / quadratic);
        if (!double.IsFinite(s))
            return;
        for (int t = 0; t < alpha.Length; t++)
            alpha[t] *= s;
    }

    /// <summary>One damped Newton step on f, in place. False when no step decreases f (numerical floor reached).</summary>
    private static bool NewtonStep(double[,] a, double[] alpha)
    {
        int n = alpha.Length;
        var aAlpha = Multiply(a, alpha);
        var gradient = new double[n];
        var hessian = (double[,])a.Clone();
        var negativeGradient = new double[n];
        for (int t = 0; t < n; t++)
        {
            gradient[t] = aAlpha[t] - 1.0 / alpha[t];
            negativeGradient[t] = -gradient[t];
            hessian[t, t] += 1.0 / (alpha[t] * alpha[t]);
        }
        var step = SmallLinearAlgebra.Solve(hessian, negativeGradient);
        if (step is null)
            return false; // a singular Hessian: only possible for a Gram matrix that is not positive semi-definite

        double slope = 0;
        for (int t = 0; t < n; t++)
            slope += gradient[t] * step[t];
        if (!double.IsFinite(slope) || slope >= 0)
            return false; // not a descent direction: only possible for a Gram matrix that is not positive semi-definite

        double newtonDecrement = Math.Sqrt(-slope);
        double length = 1.0;
        for (int t = 0; t < n; t++)
        {
            if (step[t] < 0)
                length = Math.Min(length, -FractionToBoundary * alpha[t] / step[t]);
        }

        var candidate = new double[n];
        if (newtonDecrement < FullStepDecrement && length == 1.0)
        {
            Move(alpha, step, 1.0, candidate);
        }
        else
        {
            double current = Objective(a, alpha);
            while (true)
            {
                Move(alpha, step, length, candidate);
                if (Objective(a, candidate) <= current + SufficientDecrease * length * slope)
                    break;
                length *= 0.5;
                if (length < 1e-12)
                    return false;
            }
        }
        for (int t = 0; t < n; t++)
        {
            if (!(candidate[t] > 0) || !double.IsFinite(candidate[t]))
                return false;
        }
        Array.Copy(candidate, alpha, n);
        return true;
    }

    private static void Move(double[] alpha, double[] step, double length, double[] into)
    {
        for (int t = 0; t < alpha.Length; t++)
            into[t] = alpha[t] + length * step[t];
    }

    /// <summary><c>f(α) = ½αᵀAα − Σ log α_t</c>.</summary>
    private static double Objective(double[,] a, double[] alpha)
    {
        double logs = 0;
        foreach (double value in alpha)
            logs += Math.Log(value);
        return 0.5 * Quadratic(a, alpha, alpha) - logs;
    }

    private static double MaxResidual(double[,] a, double[] alpha)
    {
        var aAlpha = Multiply(a, alpha);
        double worst = 0;
        for (int t = 0; t < alpha.Length; t++)
            worst = Math.Max(worst, Math.Abs(alpha[t] * aAlpha[t] - 1.0));
        return worst;
    }

    private static double[] Multiply(double[,] a, double[] v)
    {
        int n = v.Length;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
                sum += a[i, j] * v[j];
            result[i] = sum;
        }
        return result;
    }

    private static double Quadratic(double[,] a, double[] u, double[] v)
    {
        var av = Multiply(a, v);
        double sum = 0;
        for (int i = 0; i < u.Length; i++)
            sum += u[i] * av[i];
        return sum;
    }
}
