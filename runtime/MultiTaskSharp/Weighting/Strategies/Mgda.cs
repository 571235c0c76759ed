using System;
using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Weighting;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// The multiple gradient descent algorithm (MGDA): the shared part moves along the point of minimum norm in the convex
/// hull of the task gradients, <c>d = Σ α_t g_t</c> with α on the simplex minimising <c>‖Σ α_t g_t‖</c>, a direction
/// that decreases every task's loss (or zero at a Pareto-stationary point). With
/// <c>Gradients = GradientSource.Representation</c> the gradients are taken at the shared representation: MGDA-UB, the
/// paper's efficient variant (it minimises an upper bound), one backward pass through the shared layers per step.
/// </summary>
/// <remarks>
/// <para>Paper: Ozan Sener and Vladlen Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018.
/// Official code: isl-org/MultiObjectiveOptimization.</para>
/// <para>Solver: <see cref="MgdaMinNormSolver"/> (the official <c>find_min_norm_element</c>: best pair, then
/// projected-gradient iterations; 250 iterations, stop at an L1 change below 1e-5).</para>
/// <para>Gradient normalisation (not in the paper; the official code's <c>gradient_normalizers</c>): each gradient is
/// divided by <c>n_t</c> before the min-norm problem: none, <c>‖g_t‖</c>, <c>L_t</c> or <c>L_t·‖g_t‖</c>. The default,
/// <see cref="MgdaGradientNormalization.LossPlus"/>, is the official repository's (its <c>sample.json</c>); LibMTL's
/// default is none. The loss-based normalisations copy the losses to the host (one more small read per step).</para>
/// <para>How the weights apply. The official training script multiplies the original losses by the weights found
/// for the normalised gradients, so <c>α = w</c> (the default here); LibMTL applies them to the normalised gradients,
/// <c>α_t = w_t/n_t</c> (<c>applyToNormalizedGradients: true</c>), which keeps MGDA's guarantee that d descends every
/// task. Without normalisation the two agree. Task-specific parameters get their own task's gradient, unweighted, as in
/// the paper (the official script weighs them by w).</para>
/// <para>Tasks a batch did not label get α = 0; the problem is solved over the others. No state. Cost per step: one
/// backward pass per present task (through the task's own layers only for representation gradients, plus one
/// through the shared layers), the T×T Gram matrix and one copy of it to the host.</para>
/// </remarks>
[SupportsRepresentationGradients]
public sealed class Mgda : GradientWeighting
{
    private readonly MgdaGradientNormalization _normalization;
    private readonly bool _applyToNormalizedGradients;
    private readonly int _maxIterations;
    private readonly double _stopCriterion;

    /// <summary>Creates MGDA (MGDA-UB with representation gradients).</summary>
    /// <param name="normalization">How each gradient is normalised before the min-norm problem (the official code's <c>loss+</c> by default).</param>
    /// <param name="applyToNormalizedGradients">Apply the weights to the normalised gradients (LibMTL) rather than to the losses (the official code).</param>
    /// <param name="maxIterations">The min-norm solver's iteration cap.</param>
    /// <param name="stopCriterion">The min-norm solver's stop on the L1 change of α.</param>
    public Mgda(MgdaGradientNormalization normalization = MgdaGradientNormalization.LossPlus, bool applyToNormalizedGradients = false,
        int maxIterations = MgdaMinNormSolver.DefaultMaxIterations, double stopCriterion = MgdaMinNormSolver.DefaultStopCriterion)
        : base(nameof(Mgda))
    {
        if (!Enum.IsDefined(normalization))
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown MGDA gradient normalisation.");
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        if (!double.IsFinite(stopCriterion) || stopCriterion < 0)
            throw new ArgumentOutOfRangeException(nameof(stopCriterion), stopCriterion, "The stopping criterion must be a finite, non-negative number.");
        _normalization = normalization;
        _applyToNormalizedGradients = applyToNormalizedGradients;
        _maxIterations = maxIterations;
        _stopCriterion = stopCriterion;
    }

    /// <summary>The gradient normalisation.</summary>
    public MgdaGradientNormalization Normalization => _normalization;

    /// <inheritdoc />
    public override bool AcceptsRepresentation => true;

    /// <inheritdoc />
    protected override double[] Coefficients(TaskGradients gradients, TrainingStep step)
    {
        var (values, tasks) = PresentGram(gradients);
        if (tasks.Length == 0)
            return new double[TaskCount];
        var gram = new GramMatrix(values);
        double[] losses = [];
        if (_normalization is MgdaGradientNormalization.Loss or MgdaGradientNormalization.LossPlus)
        {
            using var scope = torch.NewDisposeScope();
            losses = HostReads.Values(torch.stack(tasks.Select(t => step.Losses[t].detach().reshape([])).ToArray()));
        }
        var normalized = MgdaGradientNormalizer.Normalize(gram, losses, _normalization);
        var solution = MgdaMinNormSolver.Solve(normalized.Gram, _maxIterations, _stopCriterion);
        var alpha = _applyToNormalizedGradients ? normalized.ToOriginalCoefficients(solution.Weights) : solution.Weights;
        return Expand(alpha, tasks, TaskCount);
    }
}
