using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Uncertainty weighting (UW): each task has a learnable log-variance <c>s_t = log σ_t²</c>, trained with the model,
/// and the total loss is <c>Σ_t ½·e^(−s_t)·L_t + ½·s_t</c>. A task whose loss stays large learns a large variance and
/// a small weight <c>½·e^(−s_t)</c>; the <c>½·s_t</c> term keeps the variances from growing without bound.
/// </summary>
/// <remarks>
/// <para>Paper: Alex Kendall, Yarin Gal and Roberto Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses
/// for Scene Geometry and Semantics", CVPR 2018.</para>
/// <para>Form. The paper derives <c>1/(2σ²)·L + log σ</c> for a Gaussian (regression) likelihood and, approximately,
/// <c>1/σ²·L + log σ</c> for a softmax (classification) one. This class uses the regression form for every task,
/// written in <c>s = log σ²</c> as <c>½e^(−s)L + ½s</c>: a strategy sees losses, not the heads' likelihoods (a custom
/// loss has none), and the classification form differs only by a factor 2 in the weight, which the learned
/// <c>s_t</c> absorbs (the stationary weight is <c>1/L_t</c> in one form, <c>1/(2L_t)</c> in the other). LibMTL's
/// <c>UW</c> uses the same uniform form; learning <c>s</c> rather than σ is the paper's own advice for stability.</para>
/// <para>Start. Unless <c>initialLogVariances</c> are given, <c>s_t = −log(2λ_t)</c> from the declared
/// <c>[LossWeight]</c> λ_t, so the first step weighs the tasks exactly as declared (all 1 by default, i.e. equal
/// weighting). LibMTL starts every <c>s_t</c> at −0.5 instead (weight 0.82).</para>
/// <para>Tasks a batch did not label contribute nothing, regularizer included, so their variances do not drift. The
/// total (and each task's weighted term) includes the <c>½s_t</c> term, so it can be negative.</para>
/// <para>State: the parameter <c>log_variances</c>, trained by the model's optimizer (attach the strategy before
/// creating it). Cost: plain training, one backward pass.</para>
/// </remarks>
public sealed class UncertaintyWeighting : LossWeighting
{
    /// <summary>The name of the learnable log-variances under the strategy's submodule.</summary>
    public const string ParameterName = "log_variances";

    private readonly double[]? _initial;

    /// <summary>Creates uncertainty weighting.</summary>
    /// <param name="initialLogVariances">The starting <c>s_t = log σ_t²</c>, one per task; by default from the declared weights.</param>
    public UncertaintyWeighting(IReadOnlyList<double>? initialLogVariances = null) : base(nameof(UncertaintyWeighting))
    {
        if (initialLogVariances is not null)
        {
            _initial = initialLogVariances.ToArray();
            for (int t = 0; t < _initial.Length; t++)
            {
                if (!double.IsFinite(_initial[t]))
                    throw new ArgumentOutOfRangeException(nameof(initialLogVariances), _initial[t], $"Initial log-variance #{t} must be finite.");
            }
        }
    }

    /// <summary>The current log-variances <c>s_t</c> (copied from the device).</summary>
    public IReadOnlyList<double> LogVariances()
    {
        using var scope = NewDisposeScope();
        return HostReads.Values(LogVarianceParameter.detach());
    }

    /// <summary>The current weights <c>½·e^(−s_t)</c> (copied from the device).</summary>
    public override IReadOnlyList<double> EffectiveWeights()
    {
        using var scope = NewDisposeScope();
        return HostReads.Values((-LogVarianceParameter.detach()).exp() * 0.5);
    }

    /// <inheritdoc />
    public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
    {
        CheckCount(losses);
        return Weigh(stack(losses.ToArray().Select(l => l.reshape([])).ToArray()), present: null);
    }

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var losses = step.Losses.Select(l => l.reshape([])).ToArray();
        var combined = Weigh(stack(losses), step.Present.All(p => p) ? null : step.Present);
        step.Backward(combined.Total);
        return combined;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        double[] initial;
        if (_initial is not null)
        {
            if (_initial.Length != tasks.Count)
                throw new ArgumentException($"UncertaintyWeighting was given {_initial.Length} initial log-variance(s) but the model has {tasks.Count} task(s): {string.Join(", ", tasks)}.");
            initial = _initial;
        }
        else
        {
            initial = new double[tasks.Count];
            for (int t = 0; t < initial.Length; t++)
            {
                double declared = DeclaredWeights[t];
                if (!(declared > 0))
                    throw new ArgumentException(
                        $"UncertaintyWeighting starts from the declared loss weights, but task '{tasks[t]}' is declared with weight {declared}; a weight of 0 has no log-variance. Pass initialLogVariances.");
                initial[t] = -Math.Log(2 * declared);
            }
        }
        var parameter = nn.Parameter(tensor(initial, dtype: get_default_dtype()));
        parameter.DetachFromDisposeScope();
        register_parameter(ParameterName, parameter);
    }

    private Parameter LogVarianceParameter
        => get_parameter(ParameterName) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");

    private WeightedLosses Weigh(Tensor losses, IReadOnlyList<bool>? present)
    {
        var s = LogVarianceParameter;
        var terms = (-s).exp() * losses.to_type(s.dtype) * 0.5 + s * 0.5;
        if (present is not null)
            terms = terms * tensor(present.Select(p => p ? 1.0 : 0.0).ToArray(), dtype: s.dtype, device: s.device);
        return new WeightedLosses(terms.sum(), terms.unbind(0));
    }
}
