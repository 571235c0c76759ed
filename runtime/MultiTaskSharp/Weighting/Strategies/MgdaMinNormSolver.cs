using System;

namespace MultiTaskSharp;

/// <summary>
/// MGDA's min-norm problem: the point of minimum norm in the convex hull of the task gradients,
/// <c>min_{α ∈ simplex} ‖Σ_t α_t g_t‖² = αᵀMα</c>. The common descent direction of MGDA is <c>d = Σ α_t g_t</c>;
/// <c>d = 0</c> means the current parameters are Pareto-stationary.
/// </summary>
/// <remarks>
/// <para>Paper: Ozan Sener and Vladlen Koltun, "Multi-Task Learning as Multi-Objective Optimization",
/// NeurIPS 2018 (Algorithm 1 for two tasks, Frank–Wolfe for more).</para>
/// <para>The solver follows the official implementation (isl-org/MultiObjectiveOptimization,
/// <c>MinNormSolver.find_min_norm_element</c>, the one its training script and LibMTL's MGDA use) rather
/// than the paper's plain Frank–Wolfe: it starts from the best two-task solution over all pairs, then
/// repeats a projected-gradient step (move along the gradient projected onto <c>Σα = 1</c> until a
/// coordinate would leave [0, 1], project onto the simplex) followed by an exact line search between the
/// current and the new point, for at most 250 iterations or until the L1 change of α is below 1e-5.</para>
/// <para>Differences from the reference, each deliberate:</para>
/// <list type="bullet">
/// <item>The two-point closed form clamps to exactly 0 or 1 as in the paper's Algorithm 1; the reference
/// returns 0.001/0.999 in those cases, so its α never reaches a vertex.</item>
/// <item>The iteration counter is incremented: the reference's <c>find_min_norm_element</c> never increments
/// it and can loop forever.</item>
/// <item>The Gram matrix is divided by its largest diagonal entry first. α does not depend on the gradients'
/// scale, but the reference's absolute thresholds (1e-7 on step lengths) do; with the scaling they act the
/// same for gradients of any magnitude.</item>
/// <item>Ties: when several α give the same min-norm point, the two-point rule keeps the first vector, and if
/// all the gradients are equal (including all zero) α is uniform, 1/T.</item>
/// </list>
/// <para>Degenerate inputs: T = 1 gives α = [1]; a zero gradient (g_t = 0, so 0 is in the hull) gives a
/// zero direction, typically with α = e_t; exactly conflicting gradients (0 in the hull) give a direction of
/// (near) zero norm. α is always finite, non-negative and sums to 1.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class MgdaMinNormSolver
{
    /// <summary>The reference's iteration cap.</summary>
    public const int DefaultMaxIterations = 250;

    /// <summary>The reference's stopping criterion on the L1 change of α between iterations.</summary>
    public const double DefaultStopCriterion = 1e-5;

    // The reference's threshold below which a coordinate is already considered on the boundary (step lengths,
    // in units of the Gram matrix scaled to a unit largest diagonal).
    private const double BoundaryStep = 1e-7;

    // All gradients count as equal when every ‖g_i − g_j‖² is below this fraction of max ‖g_t‖²
    // (far below anything but rounding in M_ii + M_jj − 2 M_ij).
    private const double EqualGradientsTolerance = 1e-12;

    /// <summary>Finds the min-norm point of the convex hull of the gradients whose Gram matrix is <paramref name="gram"/>.</summary>
    /// <param name="gram">The task gradients' Gram matrix.</param>
    /// <param name="maxIterations">The cap on projected-gradient iterations (T ≥ 3).</param>
    /// <param name="stopCriterion">Stop once an iteration changes α by less than this in L1 norm.</param>
    public static MinNormSolution Solve(GramMatrix gram, int maxIterations = DefaultMaxIterations, double stopCriterion = DefaultStopCriterion)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (!double.IsFinite(stopCriterion) || stopCriterion < 0)
            throw new ArgumentOutOfRangeException(nameof(stopCriterion), stopCriterion, "The stopping criterion must be a finite, non-negative number.");

        int n = gram.TaskCount;
        if (n == 1)
            return new MinNormSolution([1.0], gram[0, 0], 0);
        double scale = gram.MaxSquaredNorm;
        if (AllEqual(gram, scale))
            return Finish(gram, Simplex.Uniform(n), 0);

        var m = gram.Scale(1.0 / scale);
        var alpha = BestPair(m);
        if (n == 2)
            return Finish(gram, alpha, 0);

        int iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var descent = m.Multiply(alpha);
            for (int t = 0; t < n; t++)
                descent[t] = -descent[t];
            var candidate = NextPoint(alpha, descent);

            double gamma = PairWeight(m.Bilinear(alpha, alpha), m.Bilinear(alpha, candidate), m.Bilinear(candidate, candidate));
            var next = new double[n];
            double change = 0;
            for (int t = 0; t < n; t++)
            {
                next[t] = gamma * alpha[t] + (1 - gamma) * candidate[t];
                change += Math.Abs(next[t] - alpha[t]);
            }
            alpha = next;
            if (change < stopCriterion)
                break;
        }
        return Finish(gram, alpha, iterations);
    }

    /// <summary>
    /// The two-vector closed form (the paper's Algorithm 1): the γ ∈ [0, 1] minimising
    /// <c>‖γ v1 + (1 − γ) v2‖²</c>, i.e. <c>clamp((v2 − v1)·v2 / ‖v1 − v2‖², 0, 1)</c>, from the dot products
    /// <c>v1·v1</c>, <c>v1·v2</c>, <c>v2·v2</c>. Equal vectors give γ = 1.
    /// </summary>
    public static double PairWeight(double v1v1, double v1v2, double v2v2)
    {
        // These two tests are the clamps of the closed form (numerator ≥ denominator, numerator ≤ 0),
        // written so that equal vectors (0/0) take the first branch instead of dividing by zero.
        if (v1v2 >= v1v1)
            return 1.0;
        if (v1v2 >= v2v2)
            return 0.0;
        return Math.Clamp((v2v2 - v1v2) / (v1v1 + v2v2 - 2 * v1v2), 0.0, 1.0);
    }

    private static bool AllEqual(GramMatrix gram, double scale)
    {
        for (int i = 0; i < gram.TaskCount; i++)
            for (int j = i + 1; j < gram.TaskCount; j++)
                if (gram[i, i] + gram[j, j] - 2 * gram[i, j] > EqualGradientsTolerance * scale)
                    return false;
        return true;
    }

    /// <summary>The best two-task solution over all pairs (the first pair wins ties), as a point of the simplex.</summary>
    private static double[] BestPair(GramMatrix m)
    {
        int n = m.TaskCount;
        double best = double.PositiveInfinity;
        var alpha = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double gamma = PairWeight(m[i, i], m[i, j], m[j, j]);
                double cost = gamma * gamma * m[i, i] + 2 * gamma * (1 - gamma) * m[i, j] + (1 - gamma) * (1 - gamma) * m[j, j];
                if (cost < best)
                {
                    best = cost;
                    Array.Clear(alpha);
                    alpha[i] = gamma;
                    alpha[j] = 1 - gamma;
                }
            }
        }
        return alpha;
    }

    /// <summary>
    /// The reference's <c>_next_point</c>: move along the descent direction projected onto <c>Σα = 1</c>
    /// until the first coordinate not already on the boundary would leave [0, 1], then project onto the simplex.
    /// </summary>
    private static double[] NextPoint(double[] current, double[] descent)
    {
        int n = current.Length;
        double mean = 0;
        for (int t = 0; t < n; t++)
            mean += descent[t];
        mean /= n;

        var direction = new double[n];
        double towardsZero = double.PositiveInfinity, towardsOne = double.PositiveInfinity;
        for (int t = 0; t < n; t++)
        {
            direction[t] = descent[t] - mean;
            if (direction[t] < 0)
            {
                double step = -current[t] / direction[t];
                if (step > BoundaryStep)
                    towardsZero = Math.Min(towardsZero, step);
            }
            else if (direction[t] > 0)
            {
                double step = (1.0 - current[t]) / direction[t];
                if (step > BoundaryStep)
                    towardsOne = Math.Min(towardsOne, step);
            }
        }
        // As in the reference: the step at which the first decreasing coordinate reaches 0 (1 if none),
        // shortened to where the first increasing one reaches 1.
        double length = double.IsPositiveInfinity(towardsZero) ? 1.0 : towardsZero;
        length = Math.Min(length, towardsOne);

        var moved = new double[n];
        for (int t = 0; t < n; t++)
            moved[t] = current[t] + length * direction[t];
        return Simplex.Project(moved);
    }

    private static MinNormSolution Finish(GramMatrix gram, double[] alpha, int iterations)
        => new(alpha, Math.Max(0.0, gram.Bilinear(alpha, alpha)), iterations);
}
