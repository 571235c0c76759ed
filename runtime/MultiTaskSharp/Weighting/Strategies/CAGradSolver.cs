using System;

namespace MultiTaskSharp;

/// <summary>
/// CAGrad's direction: the <c>d</c> within distance <c>c‖g0‖</c> of the average gradient <c>g0</c> that
/// maximises the worst task's improvement <c>min_t g_t·d</c>, as coefficients of the task gradients.
/// </summary>
/// <remarks>
/// <para>Paper: Bo Liu, Xingchao Liu, Xiaojie Jin, Peter Stone and Qiang Liu, "Conflict-Averse Gradient
/// Descent for Multi-task Learning", NeurIPS 2021. Official code: Cranial-XIX/CAGrad.</para>
/// <para>Method (the paper's dual). With <c>b = 1/T</c>, <c>g0 = Σ b_t g_t</c>, <c>‖g0‖ = sqrt(mean(M))</c> and
/// <c>k = c‖g0‖</c>: minimise <c>F(w) = wᵀMb + k·sqrt(wᵀMw)</c> over the simplex, then
/// <c>d = g0 + (k/‖g_w‖) g_w</c> with <c>g_w = Σ w_t g_t</c>, divided according to
/// <see cref="CAGradOptions.Rescale"/>. The coefficients returned are those of d:
/// <c>α_t = (1/T + λ w_t) / rescale</c> with <c>λ = k/‖g_w‖</c>.</para>
/// <para>Solver. F is convex (a linear term plus a norm). The reference uses scipy's SLSQP from the uniform
/// point; this solver runs accelerated projected gradient (FISTA with backtracking on the step and a restart
/// whenever F increases) with exact Euclidean projection onto the simplex, from the uniform point, and stops
/// when the Frank–Wolfe duality gap certifies <c>F(w) − min F ≤ tolerance·max_t M_tt</c>. F's minimiser does
/// not depend on the gradients' scale, so the Gram matrix is divided by its largest diagonal entry first.</para>
/// <para>Differences from the reference: its tiny absolute guards (<c>+1e-8</c> inside square roots and
/// denominators) are left out, since they depend on the gradients' scale; the degenerate cases below are
/// handled explicitly instead. The reference for NYUv2 multiplies the final direction by T ("to match the sum
/// loss"), LibMTL does not; that factor belongs to the strategy.</para>
/// <para>Degenerate inputs: c = 0 or <c>g0 = 0</c> give <c>λ = 0</c> and <c>α = (1/T)/rescale</c> (d is the
/// average gradient). When the minimiser has <c>g_w = 0</c> (0 in the convex hull of the gradients, e.g.
/// exactly conflicting ones; detected as <c>‖g_w‖² ≤ 1e-16·max_t M_tt</c>) the direction of <c>g_w</c> is
/// undefined and d is the average gradient too (λ = 0), which is what the reference's guards tend to. T = 1
/// gives <c>α = (1 + c)/rescale</c>.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class CAGradSolver
{
    // ‖g_w‖² at or below this fraction of max ‖g_t‖² counts as g_w = 0.
    private const double ZeroDirectionTolerance = 1e-16;

    // F's two terms are O(1) once max M_tt = 1 and can cancel, so F carries an absolute rounding error of
    // about 1e-16. Comparisons of F allow this much, or near the minimum (where F changes by less than its
    // rounding while its gradient, and so the gap, still says where to go) rounding would make every step look
    // like an ascent, inflate the step-size estimate and stall the iteration.
    private const double RoundingSlack = 1e-13;

    /// <summary>Computes CAGrad's coefficients for <paramref name="gram"/>.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="options">c, rescale, tolerance and iteration cap; <see cref="CAGradOptions.Default"/> if null.</param>
    public static CAGradSolution Solve(GramMatrix gram, CAGradOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gram);
        options ??= CAGradOptions.Default;
        options.Validate();
        int n = gram.TaskCount;
        double divisor = options.Rescale switch
        {
            CAGradRescale.OnePlusCSquared => 1 + options.C * options.C,
            CAGradRescale.OnePlusC => 1 + options.C,
            _ => 1.0,
        };

        double scale = gram.MaxSquaredNorm;
        var uniform = Simplex.Uniform(n);
        if (scale == 0)
            return Finish(uniform, uniform, 0, 0, 0, true, divisor);
        var m = gram.Scale(1.0 / scale);
        var linear = m.Multiply(uniform);                            // M b: F's linear term
        double averageNorm = Math.Sqrt(Math.Max(0, m.Bilinear(uniform, uniform)));
        double k = options.C * averageNorm;
        if (k == 0)
            return Finish(uniform, uniform, 0, 0, 0, true, divisor);

        var objective = new Objective(m, linear, k);
        var (w, iterations, gap) = Minimize(objective, n, options);
        double squaredNorm = m.Bilinear(w, w);
        double lambda = squaredNorm > ZeroDirectionTolerance ? k / Math.Sqrt(squaredNorm) : 0.0;
        return Finish(w, uniform, lambda, iterations, gap, gap <= options.Tolerance, divisor);
    }

    private static CAGradSolution Finish(double[] w, double[] uniform, double lambda, int iterations, double gap, bool converged, double divisor)
    {
        var coefficients = new double[w.Length];
        for (int t = 0; t < w.Length; t++)
            coefficients[t] = (uniform[t] + lambda * w[t]) / divisor;
        return new CAGradSolution(coefficients, w, lambda, iterations, gap, converged);
    }

    /// <summary>FISTA with backtracking and function-value restart over the simplex, stopped by the Frank–Wolfe gap.</summary>
    private static (double[] W, int Iterations, double Gap) Minimize(Objective f, int n, CAGradOptions options)
    {
        var w = Simplex.Uniform(n);
        double fw = f.Value(w);
        double gap = f.Gap(w);
        if (n == 1 || gap <= options.Tolerance)
            return (w, 0, gap);

        var y = (double[])w.Clone();
        double momentum = 1.0;
        double lipschitz = 1.0;
        int iterations = 0;
        var trial = new double[n];
        while (iterations < options.MaxIterations && gap > options.Tolerance)
        {
            iterations++;
            double fy = f.Value(y);
            var gradient = f.Gradient(y);
            double[] z;
            double fz;
            while (true)
            {
                for (int t = 0; t < n; t++)
                    trial[t] = y[t] - gradient[t] / lipschitz;
                z = Simplex.Project(trial);
                fz = f.Value(z);
                double model = fy, squaredStep = 0;
                for (int t = 0; t < n; t++)
                {
                    double step = z[t] - y[t];
                    model += gradient[t] * step;
                    squaredStep += step * step;
                }
                model += 0.5 * lipschitz * squaredStep;
                if (fz <= model + RoundingSlack || lipschitz > 1e30)
                    break;
                lipschitz *= 2;
            }

            if (fz > fw + RoundingSlack)
            {
                // Momentum overshot: restart from the best point (a plain projected-gradient step from it descends).
                Array.Copy(w, y, n);
                momentum = 1.0;
                continue;
            }
            double nextMomentum = 0.5 * (1 + Math.Sqrt(1 + 4 * momentum * momentum));
            double extrapolation = (momentum - 1) / nextMomentum;
            for (int t = 0; t < n; t++)
                y[t] = z[t] + extrapolation * (z[t] - w[t]);
            w = z;
            fw = fz;
            momentum = nextMomentum;
            lipschitz *= 0.9; // let the step grow again where F is flatter
            gap = f.Gap(w);
        }
        return (w, iterations, gap);
    }

    /// <summary><c>F(w) = aᵀw + k·sqrt(wᵀMw)</c>, its gradient and Frank–Wolfe gap.</summary>
    private sealed class Objective(GramMatrix m, double[] linear, double k)
    {
        public double Value(double[] w)
        {
            double sum = 0;
            for (int t = 0; t < w.Length; t++)
                sum += linear[t] * w[t];
            return sum + k * Math.Sqrt(Math.Max(0, m.Bilinear(w, w)));
        }

        /// <summary>∇F; where <c>g_w = 0</c> (F not differentiable) the subgradient with a zero norm part.</summary>
        public double[] Gradient(double[] w)
        {
            var mw = m.Multiply(w);
            double norm = 0;
            for (int t = 0; t < w.Length; t++)
                norm += w[t] * mw[t];
            norm = Math.Sqrt(Math.Max(0, norm));
            var gradient = new double[w.Length];
            for (int t = 0; t < w.Length; t++)
                gradient[t] = linear[t] + (norm > 0 ? k * mw[t] / norm : 0);
            return gradient;
        }

        /// <summary><c>∇F(w)·w − min_t ∇F(w)_t ≥ F(w) − min F</c> (convexity, linear minimisation over the simplex's vertices).</summary>
        public double Gap(double[] w)
        {
            var gradient = Gradient(w);
            double dot = 0, min = double.PositiveInfinity;
            for (int t = 0; t < w.Length; t++)
            {
                dot += gradient[t] * w[t];
                min = Math.Min(min, gradient[t]);
            }
            return Math.Max(0, dot - min);
        }
    }
}
