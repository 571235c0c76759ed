using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Weighting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// GradNorm: learnable task weights w, trained alongside the model so that every task's weighted gradient norm
/// <c>w_t‖g_t‖</c> approaches the mean norm scaled by the task's relative inverse training rate <c>r_t^α</c>; a task
/// whose loss has fallen less (relative to its start) than the others gets a larger gradient. The shared part moves
/// along <c>Σ w_t g_t</c>.
/// </summary>
/// <remarks>
/// <para>Paper: Zhao Chen, Vijay Badrinarayanan, Chen-Yu Lee and Andrew Rabinovich, "GradNorm: Gradient Normalization
/// for Adaptive Loss Balancing in Deep Multitask Networks", ICML 2018 (α = 1.5 by default).</para>
/// <para>Update: each step, <c>∂L_grad/∂w</c> of <c>L_grad = Σ_t |w_t‖g_t‖ − Ḡ·r_t^α|</c> (targets held constant) comes
/// from <see cref="GradNormSolver.WeightGradient(ReadOnlySpan{double}, GramMatrix, ReadOnlySpan{double}, double)"/> and
/// is written into the weights' gradient, so the model's optimizer updates them with everything else (attach the
/// strategy before creating the optimizer); after the optimizer step the weights are renormalised to <c>Σ w = T</c>
/// (negative ones clamped to 0), as in the paper, on the device. The loss ratios are <c>L_t/L_t(0)</c> with
/// <c>L_t(0)</c> the task's loss at the first step that labelled it (the paper's "loss at t = 0"); LibMTL uses the
/// first epoch's mean loss instead and trains with equal weights until it has it. LibMTL also parametrises
/// <c>w = T·softmax(θ)</c>; this follows the paper's direct weights.</para>
/// <para>Start: the declared <c>[LossWeight]</c>s rescaled to sum to T (all 1 by default, the paper's start).</para>
/// <para>Gradients: the paper takes <c>‖g_t‖</c> at the last shared layer to save computation; here they are taken with
/// respect to all shared parameters, or, with <c>Gradients = GradientSource.Representation</c>, at the shared
/// representation (LibMTL's <c>rep_grad</c>), the cheaper variant closest to the paper's.</para>
/// <para>Tasks a batch did not label get coefficient 0 and their weights no gradient. State: the parameter
/// <c>weights</c> (trained by the model's optimizer) and the initial losses (a host buffer). Cost per step: one backward
/// pass per present task, the Gram matrix and one copy to the host, plus one small copy of the weights and losses.</para>
/// </remarks>
[SupportsRepresentationGradients]
public sealed class GradNorm : GradientWeighting
{
    /// <summary>The name of the learnable weights under the strategy's submodule.</summary>
    public const string ParameterName = "weights";

    private readonly double _alpha;
    private HostVector? _initialLosses;   // NaN until the task's first labelled step

    /// <summary>Creates GradNorm.</summary>
    /// <param name="alpha">The strength α ≥ 0 of the restoring force towards a common training rate (the paper's 1.5).</param>
    public GradNorm(double alpha = GradNormSolver.DefaultAlpha) : base(nameof(GradNorm))
    {
        if (!double.IsFinite(alpha) || alpha < 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "GradNorm's α must be a finite, non-negative number.");
        _alpha = alpha;
    }

    /// <summary>The restoring-force strength α.</summary>
    public double Alpha => _alpha;

    /// <inheritdoc />
    public override bool AcceptsRepresentation => true;

    /// <summary>The current weights w (copied from the device).</summary>
    public IReadOnlyList<double> Weights()
    {
        using var scope = NewDisposeScope();
        return HostReads.Values(WeightParameter.detach());
    }

    /// <summary>The initial losses <c>L_t(0)</c> (NaN for a task not yet seen).</summary>
    public IReadOnlyList<double> InitialLosses => _initialLosses?.Read() ?? Enumerable.Repeat(double.NaN, TaskCount).ToArray();

    /// <inheritdoc />
    protected override double[] Coefficients(TaskGradients gradients, TrainingStep step)
    {
        var (values, tasks) = PresentGram(gradients);
        if (tasks.Length == 0)
            return new double[TaskCount];
        var weights = WeightParameter;
        double[] host;
        using (var scope = NewDisposeScope())
        {
            // The weights and the present losses in one copy.
            var losses = tasks.Select(t => step.Losses[t].detach().reshape(1).to(ScalarType.Float64, weights.device));
            host = HostReads.Values(cat([weights.detach().to_type(ScalarType.Float64), .. losses]));
        }
        var w = host.AsSpan(0, TaskCount).ToArray();
        var initial = _initialLosses!.Read();
        var ratios = new double[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
        {
            int t = tasks[i];
            double loss = host[TaskCount + i];
            if (double.IsNaN(initial[t]))
                initial[t] = loss;
            // A task that started at a loss of 0 (or below) has no ratio; it counts as on schedule.
            ratios[i] = initial[t] > 0 ? Math.Max(0.0, loss) / initial[t] : 1.0;
        }
        _initialLosses.Write(initial);

        // The renormalisation after every step keeps w ≥ 0; the clamp only guards against a weight changed by hand.
        var present = tasks.Select(t => Math.Max(0.0, w[t])).ToArray();
        var presentGradient = GradNormSolver.WeightGradient(present, new GramMatrix(values), ratios, _alpha);
        var gradient = Expand(presentGradient, tasks, TaskCount);
        weights.grad = tensor(gradient, dtype: weights.dtype, device: weights.device);
        return Expand(present, tasks, TaskCount);
    }

    /// <summary>Renormalises the weights to <c>Σ w = T</c> after the optimizer's step (negative weights become 0; all zero become 1).</summary>
    public override void AfterStep(TrainingStep step)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weights = WeightParameter;
        var clamped = weights.clamp_min(0);
        var sum = clamped.sum();
        // Both branches are evaluated; the one dividing by a zero sum is never selected.
        weights.copy_(where(sum > 0, clamped * TaskCount / sum, ones_like(weights)));
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var initial = GradNormSolver.Renormalize(DeclaredWeights.ToArray());
        var parameter = nn.Parameter(tensor(initial, dtype: get_default_dtype()));
        parameter.DetachFromDisposeScope();
        register_parameter(ParameterName, parameter);
        var host = new HostState();
        _initialLosses = host.Vector("initial_losses", Enumerable.Repeat(double.NaN, tasks.Count).ToArray());
        register_module(HostState.SubmoduleName, host);
    }

    private Parameter WeightParameter
        => get_parameter(ParameterName) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");
}
