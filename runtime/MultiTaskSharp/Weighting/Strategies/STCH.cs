using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Smooth Tchebycheff scalarization (STCH): after a warm-up on the sum of log-losses, the total is the smoothed
/// maximum <c>μ·T·log Σ_t exp(log(L_t/z_t)/μ)</c> of the log-losses relative to the nadir point z (each task's mean
/// loss in the last warm-up epoch), so the worst-off task, relative to where it started, dominates the update; μ → 0
/// is the (non-smooth) Tchebycheff scalarization, large μ the sum.
/// </summary>
/// <remarks>
/// <para>Paper: Xi Lin, Xiaoyuan Zhang, Zhiyuan Yang, Fei Liu, Zhenkun Wang and Qingfu Zhang, "Smooth Tchebycheff
/// Scalarization for Multi-Objective Optimization", ICML 2024. Official code: Xi-L/STCH (<c>STCH_MTL</c>); LibMTL's
/// <c>STCH</c> is taken from it.</para>
/// <para>Schedule, as the reference with its defaults μ = 1 and 4 warm-up epochs (epochs counted from 1 here, from 0
/// there): epochs 1…w train on <c>Σ log(L_t + 1e-20)</c>; epoch w+1 too, while the strategy averages each task's loss
/// over its steps; from epoch w+2 on, z is that average and the total is the smoothed maximum above (computed with the
/// largest term subtracted, as the reference, so the exponentials cannot overflow).</para>
/// <para>As a loss-based strategy it backpropagates <c>Σ_t λ_t L_t</c> with the detached weights <c>λ_t = ∂total/∂L_t</c>:
/// <c>1/(L_t + 1e-20)</c> during warm-up and <c>T·softmax(ℓ/μ)_t/(L_t + 1e-20·z_t)</c> after, with
/// <c>ℓ_t = log(L_t/z_t + 1e-20)</c>; the gradient is the reference's, the reported total is <c>Σ λ_t L_t</c> rather than
/// the scalarization's value. Tasks a batch did not label are left out (of the softmax, of T and of the averages).</para>
/// <para>It needs each step's epoch: train with <c>Fit</c>, or pass <c>TrainStepOptions.Epoch</c>. State (saved with the
/// model): the loss sums of the averaging epoch (device buffer), the step counts and the nadir point (host buffers).
/// Cost: plain training; one small host read, once, when the nadir point is fixed.</para>
/// </remarks>
public sealed class STCH : LossWeighting
{
    private const double Epsilon = 1e-20;   // the reference's
    private const string SumsName = "nadir_sums";

    private readonly double _mu;
    private readonly int _warmupEpochs;
    private HostVector? _counts;   // per task: steps of the averaging epoch that labelled it
    private HostVector? _nadir;    // NaN until fixed

    /// <summary>Creates STCH.</summary>
    /// <param name="mu">The smoothing μ &gt; 0 (the reference's 1).</param>
    /// <param name="warmupEpochs">The epochs on the sum of log-losses before the nadir point is measured (the reference's 4).</param>
    public STCH(double mu = 1.0, int warmupEpochs = 4) : base(nameof(STCH))
    {
        if (!double.IsFinite(mu) || mu <= 0)
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "STCH's μ must be a finite, positive number.");
        ArgumentOutOfRangeException.ThrowIfNegative(warmupEpochs);
        _mu = mu;
        _warmupEpochs = warmupEpochs;
    }

    /// <summary>The smoothing μ.</summary>
    public double Mu => _mu;

    /// <summary>The warm-up epochs.</summary>
    public int WarmupEpochs => _warmupEpochs;

    /// <summary>The nadir point z (NaN until fixed, after the averaging epoch).</summary>
    public IReadOnlyList<double> Nadir => _nadir?.Read() ?? Enumerable.Repeat(double.NaN, TaskCount).ToArray();

    /// <inheritdoc />
    protected override TaskWeights Weigh(LossStep step)
    {
        var values = step.Values;
        var present = tensor(step.Present.ToArray(), device: values.device);
        var absent = present.logical_not();
        if (step.IsTraining && step.Epoch <= 0)
            throw new InvalidOperationException(
                "STCH switches from its warm-up to the smoothed maximum by epoch, so it needs each step's epoch: train with Fit, or pass TrainStepOptions { Epoch = … } (from 1) to TrainStep.");
        var nadir = _nadir!.Read();
        bool fixedNadir = !double.IsNaN(nadir[0]);
        if (step.IsTraining && !fixedNadir && step.Epoch > _warmupEpochs + 1)
        {
            FixNadir();
            nadir = _nadir.Read();
            fixedNadir = true;
        }
        if (!fixedNadir)
        {
            if (step.IsTraining && step.Epoch == _warmupEpochs + 1)
                Accumulate(values, step.Present);
            return TaskWeights.Of((1.0 / (values + Epsilon)).masked_fill(absent, 0.0));
        }
        int count = step.Present.Count(p => p);
        var z = tensor(nadir, dtype: ScalarType.Float64, device: values.device);
        var logs = (values / z + Epsilon).log().masked_fill(absent, double.NegativeInfinity);
        var shares = (logs / _mu).softmax(0).masked_fill(absent, 0.0);
        return TaskWeights.Of((shares * count / (values + Epsilon * z)).masked_fill(absent, 0.0));
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _counts = host.Vector("nadir_counts", new double[tasks.Count]);
        _nadir = host.Vector("nadir", Enumerable.Repeat(double.NaN, tasks.Count).ToArray());
        register_module(HostState.SubmoduleName, host);
        register_buffer(SumsName, zeros(tasks.Count, dtype: ScalarType.Float64).DetachFromDisposeScope());
    }

    private Tensor Sums => get_buffer(SumsName) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");

    private void Accumulate(Tensor values, IReadOnlyList<bool> present)
    {
        var sums = Sums;
        using (no_grad())
            sums.add_(values.to(sums.device).masked_fill(tensor(present.Select(p => !p).ToArray(), device: sums.device), 0.0));
        var counts = _counts!.Read();
        for (int t = 0; t < counts.Length; t++)
        {
            if (present[t])
                counts[t]++;
        }
        _counts.Write(counts);
    }

    private void FixNadir()
    {
        var counts = _counts!.Read();
        var sums = HostReads.Values(Sums);   // once per run
        var nadir = new double[counts.Length];
        for (int t = 0; t < nadir.Length; t++)
        {
            // A task no step of the averaging epoch labelled, or with a zero mean, has no scale: it counts as 1.
            nadir[t] = counts[t] > 0 && sums[t] > 0 ? sums[t] / counts[t] : 1.0;
        }
        _nadir!.Write(nadir);
    }
}
