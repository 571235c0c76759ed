using System;

namespace MultiTaskSharp;

/// <summary>
/// GradNorm's weight update: the gradient, with respect to the task weights w, of the loss
/// <c>L_grad = Σ_t |w_t‖g_t‖ − Ḡ·r_t^α|</c> that pulls every task's weighted gradient norm towards the mean
/// norm scaled by its relative inverse training rate, and the renormalisation to <c>Σ w_t = T</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Zhao Chen, Vijay Badrinarayanan, Chen-Yu Lee and Andrew Rabinovich, "GradNorm: Gradient
/// Normalization for Adaptive Loss Balancing in Deep Multitask Networks", ICML 2018.</para>
/// <para>Terms, as in the paper: <c>G_t = ‖∇_W w_t L_t‖ = w_t‖g_t‖</c> (g_t taken, in the paper, with respect to the
/// last shared layer W); <c>Ḡ = mean_t G_t</c>; <c>L̃_t = L_t/L_t(0)</c> (the loss ratio, an input here);
/// <c>r_t = L̃_t / mean_s L̃_s</c>. The target <c>Ḡ·r_t^α</c> is treated as a constant (the paper's instruction),
/// so <c>∂L_grad/∂w_t = sign(w_t‖g_t‖ − Ḡ·r_t^α)·‖g_t‖</c>, with <c>sign(0) = 0</c> as torch's <c>abs</c>. After the
/// optimiser's step on w, <see cref="Renormalize"/> rescales w to sum to T (the paper).</para>
/// <para>Where implementations differ: LibMTL parametrises <c>w = T·softmax(θ)</c> and differentiates with
/// respect to θ instead of renormalising; SamsungLabs/MTL renormalises inside the loss. This follows the paper.</para>
/// <para>Degenerate inputs: a zero gradient contributes a zero gradient for its weight; if every loss ratio
/// is zero, every <c>r_t</c> is 1 (no task is behind); <see cref="Renormalize"/> clamps negative weights to
/// zero and turns an all-zero w into all ones.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class GradNormSolver
{
    /// <summary>The paper's usual restoring-force strength α (also LibMTL's default).</summary>
    public const double DefaultAlpha = 1.5;

    /// <summary><c>∂L_grad/∂w</c> with the gradient norms taken from the diagonal of <paramref name="gram"/>.</summary>
    public static double[] WeightGradient(ReadOnlySpan<double> weights, GramMatrix gram, ReadOnlySpan<double> lossRatios, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(gram);
        return WeightGradient(weights, Norms(gram), lossRatios, alpha);
    }

    /// <summary><c>∂L_grad/∂w</c> from the unweighted task gradient norms <c>‖g_t‖</c>.</summary>
    /// <param name="weights">The current task weights w (finite, non-negative).</param>
    /// <param name="gradientNorms">The norms of the unweighted task gradients <c>‖g_t‖</c>.</param>
    /// <param name="lossRatios">The loss ratios <c>L_t/L_t(0)</c> (finite, non-negative).</param>
    /// <param name="alpha">The restoring-force strength α ≥ 0.</param>
    public static double[] WeightGradient(ReadOnlySpan<double> weights, ReadOnlySpan<double> gradientNorms, ReadOnlySpan<double> lossRatios, double alpha = DefaultAlpha)
    {
        var targets = Targets(weights, gradientNorms, lossRatios, alpha);
        var gradient = new double[weights.Length];
        for (int t = 0; t < weights.Length; t++)
            gradient[t] = Math.Sign(weights[t] * gradientNorms[t] - targets[t]) * gradientNorms[t];
        return gradient;
    }

    /// <summary>The value of <c>L_grad = Σ_t |w_t‖g_t‖ − Ḡ·r_t^α|</c>.</summary>
    public static double Loss(ReadOnlySpan<double> weights, ReadOnlySpan<double> gradientNorms, ReadOnlySpan<double> lossRatios, double alpha = DefaultAlpha)
    {
        var targets = Targets(weights, gradientNorms, lossRatios, alpha);
        double loss = 0;
        for (int t = 0; t < weights.Length; t++)
            loss += Math.Abs(weights[t] * gradientNorms[t] - targets[t]);
        return loss;
    }

    /// <summary>
    /// w rescaled to sum to T, the paper's renormalisation after each update. Negative weights (an optimiser
    /// step can overshoot) are clamped to 0 first; if none is positive the result is all ones.
    /// </summary>
    public static double[] Renormalize(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
            throw new ArgumentException("GradNorm needs at least one task weight.", nameof(weights));
        var result = new double[weights.Length];
        double sum = 0;
        for (int t = 0; t < weights.Length; t++)
        {
            if (!double.IsFinite(weights[t]))
                throw new ArgumentException($"GradNorm weight #{t} must be finite but is {weights[t]}.", nameof(weights));
            result[t] = Math.Max(0.0, weights[t]);
            sum += result[t];
        }
        if (sum == 0)
        {
            Array.Fill(result, 1.0);
            return result;
        }
        double factor = weights.Length / sum;
        for (int t = 0; t < result.Length; t++)
            result[t] *= factor;
        return result;
    }

    /// <summary>The norms <c>‖g_t‖</c> on the diagonal of <paramref name="gram"/>.</summary>
    private static double[] Norms(GramMatrix gram)
    {
        var norms = new double[gram.TaskCount];
        for (int t = 0; t < norms.Length; t++)
            norms[t] = gram.Norm(t);
        return norms;
    }

    /// <summary>The constant targets <c>Ḡ·r_t^α</c>, after validating the inputs.</summary>
    private static double[] Targets(ReadOnlySpan<double> weights, ReadOnlySpan<double> gradientNorms, ReadOnlySpan<double> lossRatios, double alpha)
    {
        int n = weights.Length;
        if (n == 0)
            throw new ArgumentException("GradNorm needs at least one task weight.", nameof(weights));
        if (gradientNorms.Length != n)
            throw new ArgumentException($"Expected one gradient norm per task ({n}) but got {gradientNorms.Length}.", nameof(gradientNorms));
        if (lossRatios.Length != n)
            throw new ArgumentException($"Expected one loss ratio per task ({n}) but got {lossRatios.Length}.", nameof(lossRatios));
        if (!double.IsFinite(alpha) || alpha < 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "GradNorm's α must be a finite, non-negative number.");
        CheckNonNegative(weights, "weight", nameof(weights));
        CheckNonNegative(gradientNorms, "gradient norm", nameof(gradientNorms));
        CheckNonNegative(lossRatios, "loss ratio", nameof(lossRatios));

        double meanNorm = 0, meanRatio = 0;
        for (int t = 0; t < n; t++)
        {
            meanNorm += weights[t] * gradientNorms[t];
            meanRatio += lossRatios[t];
        }
        meanNorm /= n;
        meanRatio /= n;

        var targets = new double[n];
        for (int t = 0; t < n; t++)
        {
            double relativeRate = meanRatio > 0 ? lossRatios[t] / meanRatio : 1.0;
            targets[t] = meanNorm * Math.Pow(relativeRate, alpha);
        }
        return targets;
    }

    private static void CheckNonNegative(ReadOnlySpan<double> values, string what, string parameterName)
    {
        for (int t = 0; t < values.Length; t++)
        {
            if (!double.IsFinite(values[t]) || values[t] < 0)
                throw new ArgumentException($"GradNorm {what} #{t} must be finite and non-negative but is {values[t]}.", parameterName);
        }
    }
}
