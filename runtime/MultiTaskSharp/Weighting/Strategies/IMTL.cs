using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Impartial multi-task learning, in full (IMTL, the paper's hybrid of IMTL-L and IMTL-G): each task's loss is scaled
/// by a learned <c>e^(s_t)</c> (IMTL-L: <c>s_t</c> minimises <c>e^(s_t)L_t − s_t</c>, which drives every scaled loss
/// towards 1), and the shared part moves along IMTL-G's combination of the scaled losses' gradients, the one with an
/// equal projection onto every task's unit gradient.
/// </summary>
/// <remarks>
/// <para>Paper: Liyang Liu, Yi Li, Zhanghui Kuang, Jing-Hao Xue, Yimin Chen, Wenming Yang, Qingmin Liao and Wayne Zhang,
/// "Towards Impartial Multi-task Learning", ICLR 2021 (Algorithm 1, "IMTL"). LibMTL's <c>IMTL</c> is this hybrid;
/// <see cref="IMTLG"/> is the gradient part alone.</para>
/// <para>Step: the scaled losses <c>e^(s_t)L_t − s_t</c> (s starts at 0, as the paper and LibMTL) are what the per-task
/// gradients are taken of, so each task's own parameters get <c>e^(s_t)</c> times their gradient (as the paper's
/// task-specific update and LibMTL); the shared part gets <c>Σ α_t e^(s_t) g_t</c> with α from
/// <see cref="ImtlGSolver"/>; and <c>s</c> gets the gradient of <c>Σ_t (e^(s_t)L_t − s_t)</c>,
/// <c>e^(s_t)L_t − 1</c>, written directly (no extra backward pass), so the model's optimizer trains it with everything
/// else (attach the strategy before creating the optimizer). The reported coefficients are α (of the scaled
/// gradients).</para>
/// <para>Defined on representation gradients too (as the paper). Tasks a batch did not label get coefficient 0 and
/// their <c>s_t</c> no gradient. State: the parameter <c>loss_scales</c>. Cost per step: IMTL-G's (one backward pass
/// per present task, the Gram read).</para>
/// </remarks>
[SupportsRepresentationGradients]
public sealed class IMTL : GradientWeighting
{
    /// <summary>The name of the learnable log-scales under the strategy's submodule.</summary>
    public const string ParameterName = "loss_scales";

    /// <summary>Creates IMTL.</summary>
    public IMTL() : base(nameof(IMTL))
    {
    }

    /// <summary>The current log-scales <c>s_t</c> (copied from the device).</summary>
    public IReadOnlyList<double> LossScales()
    {
        using var scope = NewDisposeScope();
        return HostReads.Values(ScaleParameter.detach());
    }

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var s = ScaleParameter;
        var scaled = new Tensor[step.Losses.Count];
        for (int t = 0; t < scaled.Length; t++)
            scaled[t] = step.Present[t] ? s[t].exp().to(step.Losses[t].dtype) * step.Losses[t] - s[t].to(step.Losses[t].dtype) : step.Losses[t];
        var result = base.Backward(step.WithLosses(scaled));
        using (var scope = NewDisposeScope())
        {
            // IMTL-L: ∂/∂s_t (e^(s_t)L_t − s_t) = e^(s_t)L_t − 1 for the present tasks.
            var present = tensor(step.Present.ToArray(), device: s.device);
            var losses = step.LossValues().to(s.dtype, s.device);
            var gradient = (s.detach().exp() * losses - 1).masked_fill(present.logical_not(), 0.0);
            s.grad = gradient.DetachFromDisposeScope();
        }
        return result;
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks) => ImtlGSolver.Solve(tasks.GramMatrix);

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var parameter = nn.Parameter(zeros(tasks.Count, dtype: get_default_dtype()));
        parameter.DetachFromDisposeScope();
        register_parameter(ParameterName, parameter);
    }

    private Parameter ScaleParameter
        => get_parameter(ParameterName) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");
}
