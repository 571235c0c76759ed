using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Dynamic Weight Average (DWA): each task's weight follows how fast its loss fell over the last two epochs,
/// <c>λ_t = T·softmax(r/τ)_t</c> with <c>r_t = L̄_t(e−1)/L̄_t(e−2)</c> the ratio of the task's mean training loss in the
/// two previous epochs, T the number of tasks and τ the temperature; a task whose loss falls more slowly gets more
/// weight. The first two epochs use weight 1 for every task.
/// </summary>
/// <remarks>
/// <para>Paper: Shikun Liu, Edward Johns and Andrew J. Davison, "End-To-End Multi-Task Learning With Attention",
/// CVPR 2019 (τ = 2). Official code: lorenmt/mtan.</para>
/// <para>Epoch means. Under <c>Fit</c>, <see cref="EndEpoch"/> receives each epoch's mean task losses (weighted by the
/// labelled entries of each batch, as <c>Fit</c> reports them). In a hand-written loop of <c>TrainStep</c> calls, pass
/// each step's epoch in <see cref="TrainStepOptions.Epoch"/>: the strategy sums every task's loss on the device as it
/// goes (no per-step copy to the host) and closes an epoch when the epoch number changes, reading the sums once (the
/// mean of the batch losses, as the reference computes it). Steps without an epoch number are rejected, since DWA
/// could never leave its equal-weight start.</para>
/// <para>Degenerate inputs: a ratio whose previous mean is not positive, or whose means are not finite (a task no batch
/// labelled in an epoch), counts as 1.</para>
/// <para>The paper and the reference agree (the weights sum to T, the paper's <c>K·exp(w/T)/Σ exp</c>). Under
/// <c>Fit</c> an epoch mean weighs each batch by its labelled entries, where the reference averages the batch means;
/// they differ only for a short last batch or partially labelled batches. The declared <c>[LossWeight]</c>s are not
/// used.</para>
/// <para>State (saved with the model): the last two epochs' means, the number of completed epochs and the epoch in
/// progress (host buffers), and the running loss sums (device buffer). Cost: plain training, one backward pass.</para>
/// </remarks>
public sealed class DynamicWeightAverage : LossWeighting
{
    private const string SumsName = "loss_sums";

    private readonly double _temperature;
    private HostCounter? _epoch;       // the epoch whose losses the sums hold (0: none yet)
    private HostCounter? _completed;   // epochs closed so far
    private HostVector? _counts;       // per task: steps of the current epoch that labelled it
    private HostVector? _history;      // [previous epoch's means …, last epoch's means …]

    /// <summary>Creates DWA.</summary>
    /// <param name="temperature">The softmax temperature τ (the paper's 2); larger is smoother.</param>
    public DynamicWeightAverage(double temperature = 2.0) : base(nameof(DynamicWeightAverage))
    {
        if (!double.IsFinite(temperature) || temperature <= 0)
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "DWA's temperature must be a finite, positive number.");
        _temperature = temperature;
    }

    /// <summary>The softmax temperature τ.</summary>
    public double Temperature => _temperature;

    /// <summary>The number of epochs whose means the strategy has seen.</summary>
    public long CompletedEpochs => _completed?.Value ?? 0;

    /// <summary>The weights the current epoch uses (all 1 until two epochs are complete).</summary>
    public override IReadOnlyList<double> EffectiveWeights()
    {
        int n = TaskCount;
        var weights = Enumerable.Repeat(1.0, n).ToArray();
        if (CompletedEpochs < 2)
            return weights;
        var history = _history!.Read();
        var logits = new double[n];
        for (int t = 0; t < n; t++)
        {
            double previous = history[t], last = history[n + t];
            double ratio = previous > 0 && double.IsFinite(previous) && double.IsFinite(last) ? last / previous : 1.0;
            logits[t] = ratio / _temperature;
        }
        // T·softmax, shifted by the largest logit so the exponentials cannot overflow.
        double max = logits.Max(), sum = 0;
        for (int t = 0; t < n; t++)
            sum += weights[t] = Math.Exp(logits[t] - max);
        for (int t = 0; t < n; t++)
            weights[t] *= n / sum;
        return weights;
    }

    /// <inheritdoc />
    public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses) => Weigh(losses, EffectiveWeights());

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Epoch <= 0)
            throw new InvalidOperationException(
                "DynamicWeightAverage weighs tasks by their epoch-mean losses, so it needs each step's epoch: train with Fit, or pass TrainStepOptions { Epoch = … } (from 1) to TrainStep.");
        if (step.Epoch != _epoch!.Value)
        {
            if (_counts!.Read().Any(c => c > 0))
                CloseEpochFromSums();
            _epoch.Value = step.Epoch;
        }

        var combined = Weigh(step.Losses.ToArray(), EffectiveWeights());
        step.Backward(combined.Total);

        // Accumulate this step's losses on the device; only the counts (known on the host) are touched here.
        var sums = Sums;
        var counts = _counts!.Read();
        var values = new Tensor[step.Losses.Count];
        for (int t = 0; t < values.Length; t++)
        {
            var loss = step.Losses[t].detach().reshape([]).to(sums.dtype, sums.device);
            values[t] = step.Present[t] ? loss : zeros_like(loss);
            if (step.Present[t])
                counts[t]++;
        }
        sums.add_(stack(values));
        _counts.Write(counts);
        return combined;
    }

    /// <summary>Records the mean training loss of every task for <paramref name="epoch"/> (called by <c>Fit</c>).</summary>
    public override void EndEpoch(int epoch, IReadOnlyList<double> meanTaskLosses)
    {
        ArgumentNullException.ThrowIfNull(meanTaskLosses);
        if (meanTaskLosses.Count != TaskCount)
            throw new ArgumentException($"DWA weighs {TaskCount} task(s) but got {meanTaskLosses.Count} epoch mean(s).", nameof(meanTaskLosses));
        Push(meanTaskLosses.ToArray());
        ResetSums();
        _epoch!.Value = epoch;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _epoch = host.Counter("epoch");
        _completed = host.Counter("completed_epochs");
        _counts = host.Vector("loss_counts", new double[tasks.Count]);
        _history = host.Vector("epoch_means", Enumerable.Repeat(double.NaN, 2 * tasks.Count).ToArray());
        register_module(HostState.SubmoduleName, host);
        register_buffer(SumsName, zeros(tasks.Count, dtype: ScalarType.Float64).DetachFromDisposeScope());
    }

    private Tensor Sums => get_buffer(SumsName) ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");

    private void CloseEpochFromSums()
    {
        var counts = _counts!.Read();
        var sums = HostReads.Values(Sums);   // once per epoch
        var means = new double[counts.Length];
        for (int t = 0; t < means.Length; t++)
            means[t] = counts[t] > 0 ? sums[t] / counts[t] : double.NaN;
        Push(means);
        ResetSums();
    }

    private void Push(double[] means)
    {
        int n = TaskCount;
        var history = _history!.Read();
        Array.Copy(history, n, history, 0, n);
        Array.Copy(means, 0, history, n, n);
        _history.Write(history);
        _completed!.Increment();
    }

    private void ResetSums()
    {
        using (no_grad())
            Sums.zero_();
        _counts!.Write(new double[TaskCount]);
    }

    private WeightedLosses Weigh(ReadOnlySpan<Tensor> losses, IReadOnlyList<double> weights)
    {
        CheckCount(losses);
        var terms = new Tensor[losses.Length];
        for (int t = 0; t < terms.Length; t++)
            terms[t] = weights[t] == 1.0 ? losses[t] : losses[t] * weights[t];
        return new WeightedLosses(Sum(terms), terms);
    }
}
