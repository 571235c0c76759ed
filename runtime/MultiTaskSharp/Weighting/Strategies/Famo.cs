using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Fast Adaptive Multitask Optimization (FAMO): descends the weighted log-losses <c>Σ_t z_t·log L_t</c>, with
/// <c>z = softmax(w)</c>, normalised so the step is a convex combination of the tasks' gradients weighted by
/// <c>z_t/L_t</c>; after each step it re-evaluates the batch and moves the logits w so that tasks whose loss fell
/// least get more weight. Balanced loss decrease at the cost of one extra forward pass, without per-task gradients.
/// </summary>
/// <remarks>
/// <para>Paper: Bo Liu, Yihao Feng, Peter Stone and Qiang Liu, "FAMO: Fast Adaptive Multitask Optimization",
/// NeurIPS 2023. Official code: Cranial-XIX/FAMO (<c>famo.py</c>, <c>methods/weight_methods.py</c>).</para>
/// <para>Step. With <c>D_t = L_t − ℓ*_t + ε</c> (lower bounds <c>ℓ* = 0</c> and ε = 1e-8, as the reference) and
/// <c>c = Σ_t z_t/D_t</c>, the reference backpropagates <c>Σ_t z_t·log D_t / c</c>. This class backpropagates
/// <c>Σ_t λ_t L_t</c> with the detached weights <c>λ_t = z_t/(c·D_t)</c> (they sum to 1), which has the same gradient;
/// the reported total is then a z-weighted harmonic mean of the losses rather than a sum of logarithms.</para>
/// <para>Logit update (<see cref="AfterStep"/>), as the reference: the losses are evaluated again on the same batch
/// after the optimizer step (no gradients, the model in its current mode), <c>δ_t = log D_t(before) − log D_t(after)</c>,
/// the logits' gradient is the softmax Jacobian applied to δ, <c>z ⊙ (δ − z·δ)</c>, and the logits take one Adam step
/// (β = (0.9, 0.999), ε = 1e-8, PyTorch's <c>Adam</c> with L2 weight decay γ). Defaults: learning rate 0.025 (the reference's
/// <c>famo.py</c> and LibMTL) and γ = 0.001 (LibMTL's default and the reference's run scripts for NYUv2, CelebA and
/// QM9; they use 0.01 for Cityscapes). Adam is written out here (a few tensor operations) because its moments must live in buffers
/// of the module to be saved with the model; a TorchSharp optimizer keeps them outside.</para>
/// <para>Not taken from the reference: its <c>max_norm</c> gradient clipping (1.0 in <c>famo.py</c>; in the experiment
/// code the clip runs before the backward pass and has no effect) — use <see cref="TrainStepOptions.MaxGradNorm"/>.
/// Tasks a batch did not label take no part in the step: the softmax runs over the present tasks, and the absent
/// tasks' logits get no gradient (Adam's momentum and weight decay still apply to them).</para>
/// <para>State (device buffers, saved with the model): the logits, Adam's two moments, and Adam's step count (a host
/// buffer). Cost: one backward pass and one extra forward pass (no gradients) per step; no host synchronisation.</para>
/// </remarks>
public sealed class Famo : LossWeighting
{
    private const double Epsilon = 1e-8;           // the reference's ε in D = L − ℓ* + ε
    private const double Beta1 = 0.9, Beta2 = 0.999, AdamEpsilon = 1e-8;
    private const string LogitsName = "logits", FirstMomentName = "adam_first_moment", SecondMomentName = "adam_second_moment";

    private readonly double _learningRate;
    private readonly double _weightDecay;
    private HostCounter? _adamSteps;
    private Tensor? _lastWeights;       // λ of the most recent step (device, outside any dispose scope)
    private PendingStep? _pending;      // between Backward and AfterStep of one step

    private sealed record PendingStep(Tensor Losses, bool[] Present);

    /// <summary>Creates FAMO.</summary>
    /// <param name="learningRate">The step size β of the logits' Adam optimizer (0.025, the reference's).</param>
    /// <param name="weightDecay">The logits' weight decay γ (0.001, the reference's for most of its benchmarks).</param>
    public Famo(double learningRate = 0.025, double weightDecay = 0.001) : base(nameof(Famo))
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "FAMO's learning rate must be a finite, positive number.");
        if (!double.IsFinite(weightDecay) || weightDecay < 0)
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "FAMO's weight decay must be a finite, non-negative number.");
        _learningRate = learningRate;
        _weightDecay = weightDecay;
    }

    /// <summary>The logits' learning rate β.</summary>
    public double LearningRate => _learningRate;

    /// <summary>The logits' weight decay γ.</summary>
    public double WeightDecay => _weightDecay;

    /// <summary>The task logits w (copied from the device).</summary>
    public IReadOnlyList<double> Logits() => HostReads.Values(Buffer(LogitsName));

    /// <summary>The loss weights <c>λ_t = z_t/(c·D_t)</c> of the most recent step (before the first: <c>softmax(w)</c>); copied from the device.</summary>
    public override IReadOnlyList<double> EffectiveWeights()
    {
        if (_lastWeights is not null)
            return HostReads.Values(_lastWeights);
        using var scope = NewDisposeScope();
        return HostReads.Values(Buffer(LogitsName).softmax(0));
    }

    /// <inheritdoc />
    public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses)
    {
        CheckCount(losses);
        return Weigh(losses.ToArray(), Enumerable.Repeat(true, losses.Length).ToArray()).Combined;
    }

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var losses = step.Losses.ToArray();
        var present = step.Present.ToArray();
        var (combined, weights) = Weigh(losses, present);
        step.Backward(combined.Total);
        var previous = _lastWeights;
        _lastWeights = weights.DetachFromDisposeScope();
        previous?.Dispose();
        _pending = new PendingStep(stack(losses.Select(l => l.detach().reshape([])).ToArray()), present);
        return combined;
    }

    /// <summary>The logit update: evaluates the batch again and takes one Adam step on the logits.</summary>
    public override void AfterStep(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var pending = _pending ?? throw new InvalidOperationException("Famo.AfterStep runs after Famo.Backward of the same step.");
        _pending = null;
        if (!pending.Present.Any(p => p))
            return;
        var after = step.EvaluateLossesAgain();
        if (after.Length != TaskCount)
            throw new InvalidOperationException($"The re-evaluation returned {after.Length} loss(es) for {TaskCount} tasks.");

        using var noGrad = no_grad();
        var logits = Buffer(LogitsName);
        var mask = Mask(pending.Present, logits);
        var before = pending.Losses.to(logits.dtype, logits.device);
        var now = stack(after.Select(l => l.detach().reshape([])).ToArray()).to(logits.dtype, logits.device);
        var decrease = ((before + Epsilon).log() - (now + Epsilon).log()) * (mask ?? ones_like(logits));
        var z = Softmax(logits, mask);
        var gradient = z * (decrease - (z * decrease).sum());
        AdamStep(logits, gradient);
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var dtype = get_default_dtype();
        register_buffer(LogitsName, zeros(tasks.Count, dtype: dtype).DetachFromDisposeScope());
        register_buffer(FirstMomentName, zeros(tasks.Count, dtype: dtype).DetachFromDisposeScope());
        register_buffer(SecondMomentName, zeros(tasks.Count, dtype: dtype).DetachFromDisposeScope());
        var host = new HostState();
        _adamSteps = host.Counter("adam_steps");
        register_module(HostState.SubmoduleName, host);
    }

    private Tensor Buffer(string name) => get_buffer(name) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");

    /// <summary>torch.optim.Adam's update with L2 weight decay, in place on <paramref name="logits"/>.</summary>
    private void AdamStep(Tensor logits, Tensor gradient)
    {
        long k = _adamSteps!.Increment() + 1;
        var g = _weightDecay > 0 ? gradient + logits * _weightDecay : gradient;
        var m = Buffer(FirstMomentName).mul_(Beta1).add_(g * (1 - Beta1));
        var v = Buffer(SecondMomentName).mul_(Beta2).add_(g * g * (1 - Beta2));
        double correction1 = 1 - Math.Pow(Beta1, k), correction2 = 1 - Math.Pow(Beta2, k);
        var denominator = v.sqrt() / Math.Sqrt(correction2) + AdamEpsilon;
        logits.sub_(m / denominator * (_learningRate / correction1));
    }

    private (WeightedLosses Combined, Tensor Weights) Weigh(Tensor[] losses, bool[] present)
    {
        var logits = Buffer(LogitsName);
        var mask = Mask(present, logits);
        var z = Softmax(logits, mask);
        var values = stack(losses.Select(l => l.detach().reshape([])).ToArray()).to(logits.dtype, logits.device);
        var d = values + Epsilon;
        var shares = mask is null ? z / d : z / d * mask;
        var weights = shares / shares.sum();
        var terms = new Tensor[losses.Length];
        for (int t = 0; t < terms.Length; t++)
            terms[t] = present[t] ? losses[t] * weights[t].to(losses[t].dtype) : losses[t] * 0.0;
        return (new WeightedLosses(Sum(terms), terms), weights);
    }

    /// <summary>The softmax of the logits over the present tasks (absent ones get 0).</summary>
    private static Tensor Softmax(Tensor logits, Tensor? mask)
        => mask is null ? logits.softmax(0) : logits.masked_fill(mask.eq(0), double.NegativeInfinity).softmax(0);

    /// <summary>1 for present tasks and 0 for absent ones, or null when all are present.</summary>
    private static Tensor? Mask(bool[] present, Tensor like)
        => present.All(p => p) ? null : tensor(present.Select(p => p ? 1.0 : 0.0).ToArray(), dtype: like.dtype, device: like.device);
}
