using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>The fit loop shared by every generated model.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for <see cref="FitOptions.Epochs"/> passes over <paramref name="train"/>, reporting
    /// progress to <paramref name="progress"/> and every epoch to <paramref name="onEpoch"/>, and evaluating on
    /// <paramref name="validation"/> when given; with the options, it also steps a learning-rate scheduler, saves and
    /// keeps checkpoints, resumes from one, stops early, and logs to TensorBoard.
    /// </summary>
    /// <remarks>
    /// Create <paramref name="optimizer"/> after moving the model to its device: <c>to()</c> replaces parameter tensors,
    /// and an optimizer made earlier would update the old ones. Losses accumulate on the device; they are read every
    /// <see cref="FitOptions.ReportEvery"/> steps and at the end of each epoch.
    /// </remarks>
    public static TrainingHistory<TLossValues, TMetrics> Fit<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model,
        IBatchSource<TBatch> train,
        optim.Optimizer optimizer,
        FitOptions? options = null,
        IBatchSource<TBatch>? validation = null,
        IProgress<FitProgress>? progress = null,
        Action<EpochRecord<TLossValues, TMetrics>>? onEpoch = null,
        CancellationToken cancellationToken = default)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new FitOptions();
        options.Validate();
        var monitors = new[] { options.EarlyStopping?.Monitor, options.Checkpoints?.KeepBest, options.SchedulerMonitor };
        if (validation is null && monitors.Any(m => m is { NeedsValidation: true }))
            throw new ArgumentException($"Monitoring {monitors.First(m => m is { NeedsValidation: true })} needs a validation source.", nameof(validation));

        var history = new TrainingHistory<TLossValues, TMetrics>();
        int first = 1;
        if (options.ResumeFrom is { } resume)
            first = Resume(model, optimizer, options, resume, history) + 1;

        var stopping = new StoppingState(options.EarlyStopping, history);
        for (int epoch = first; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var relationships = options.Relationships is null ? null : new RelationshipAccumulator(model.Tasks);
            var (mean, skipped) = TrainEpoch(model, train, optimizer, options, epoch, progress, relationships, cancellationToken);
            TMetrics? metrics = null;
            if (validation is not null && (epoch % options.ValidateEvery == 0 || epoch == options.Epochs))
                metrics = model.Evaluate(validation.GetBatches(epoch));

            var record = new EpochRecord<TLossValues, TMetrics>(epoch, mean, metrics, clock.Elapsed)
            {
                SkippedBatches = skipped,
                LearningRate = LearningRates(optimizer).Cast<double?>().FirstOrDefault(),
                LossWeights = model.Weighting.EffectiveWeights().ToArray(),
                Relationships = relationships?.Result(model.Weighting.EffectiveWeights()),
            };
            history.Add(record);
            StepScheduler(options, record);
            options.TensorBoard?.Log(record);
            bool stop = stopping.Update(record, model.Module);
            SaveCheckpoints(model, optimizer, options, record, history);
            onEpoch?.Invoke(record);
            if (stop)
            {
                history.StoppedEarly = true;
                break;
            }
        }
        stopping.RestoreBest(model.Module);
        // Left in training mode, as after a PyTorch loop: Evaluate switches to inference mode by itself.
        return history;
    }

    /// <summary>One pass over the training data; the mean losses and the number of skipped batches.</summary>
    private static (TLossValues Mean, int Skipped) TrainEpoch<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, IBatchSource<TBatch> train, optim.Optimizer optimizer,
        FitOptions options, int epoch, IProgress<FitProgress>? progress, RelationshipAccumulator? relationships, CancellationToken cancellationToken)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        int taskCount = TLossValues.TaskNames.Count;
        int width = 1 + taskCount + TLossValues.PenaltyNames.Count;
        var stepOptions = options.Step ?? new TrainStepOptions();
        model.SetTrainingMode(true);
        // Running sums live across the per-batch dispose scopes: detached from them, disposed at the end of the epoch.
        using var sums = zeros(width, dtype: ScalarType.Float64, device: Device(model)).DetachFromDisposeScope();
        using var counts = zeros(width, dtype: ScalarType.Float64, device: Device(model)).DetachFromDisposeScope();
        int steps = 0, skipped = 0;
        double lastLoss = double.NaN;
        int? batchCount = train.BatchCount;
        foreach (var batch in ScopedBatches.Of(train.GetBatches(epoch)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index = steps + skipped + 1;
            var measure = options.Relationships is { } every && (index - 1) % every.Every == 0 ? options.Relationships : null;
            using var result = TrainingSteps.Run(model, batch, optimizer, stepOptions with { Epoch = epoch, Batch = index, MeasureRelationships = measure });
            if (result.Relationships is { } sample)
                relationships?.Add(sample);
            if (result.Skipped)
            {
                skipped++;
                continue;
            }
            sums.add_(result.Values.nan_to_num(0) * result.Weights);
            counts.add_(result.Weights);
            steps++;
            if (progress is not null)
            {
                if (steps % options.ReportEvery == 1 || options.ReportEvery == 1)
                    lastLoss = RunningTotal(sums, counts);
                progress.Report(new FitProgress(epoch, options.Epochs, steps + skipped, batchCount, lastLoss));
            }
        }
        if (steps == 0)
            throw new InvalidOperationException(skipped == 0
                ? $"Epoch {epoch}: the training source produced no batches."
                : $"Epoch {epoch}: every one of the {skipped} batches failed the checks and was skipped.");

        double[] means;
        using (NewDisposeScope())
            means = HostReads.Values(sums / counts.clamp_min(1e-300));
        model.Weighting.EndEpoch(epoch, means.Skip(1).Take(taskCount).ToArray());
        return (TLossValues.FromVector(means), skipped);
    }

    private static int Resume<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, optim.Optimizer optimizer, FitOptions options, string path,
        TrainingHistory<TLossValues, TMetrics> history)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        // The scheduler was built on the fresh optimizer: remember its starting rates, since the saved optimizer
        // state brings the rates of the saved epoch, and replaying the scheduler from there would apply it twice.
        var initial = LearningRates(optimizer).ToArray();
        var info = Checkpoint.Load(path, model.Module, optimizer);
        var epochs = JsonSerializer.Deserialize<List<EpochRecord<TLossValues, TMetrics>>>(Checkpoint.LoadTrainingState(path), HistoryJsonOptions)
            ?? throw new System.IO.InvalidDataException($"'{path}': the saved history is empty.");
        int epoch = info.Epoch ?? epochs.Count;
        if (epochs.Count != epoch || epochs.Select(e => e.Epoch).SequenceEqual(Enumerable.Range(1, epoch)) is false)
            throw new System.IO.InvalidDataException($"'{path}': the saved history does not cover epochs 1 to {epoch}.");
        SetLearningRates(optimizer, initial);
        foreach (var record in epochs)
        {
            history.Add(record);
            StepScheduler(options, record);
        }
        return epoch;
    }

    private static void StepScheduler<TLossValues, TMetrics>(FitOptions options, EpochRecord<TLossValues, TMetrics> record)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        if (options.Scheduler is not { } scheduler)
            return;
        if (options.SchedulerMonitor is { } monitor)
        {
            if (monitor.Read(record) is double value)
                scheduler.step(value);
        }
        else
        {
            scheduler.step();
        }
    }

    private static void SaveCheckpoints<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, optim.Optimizer optimizer, FitOptions options,
        EpochRecord<TLossValues, TMetrics> record, TrainingHistory<TLossValues, TMetrics> history)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        if (options.Checkpoints is not { } checkpoints)
            return;
        string? json = null;
        string History() => json ??= JsonSerializer.Serialize(history.Epochs, HistoryJsonOptions);
        if (record.Epoch % checkpoints.Every == 0 || record.Epoch == options.Epochs)
            Checkpoint.Save(checkpoints.Last, model.Module, optimizer, record.Epoch, History());
        if (checkpoints.KeepBest is { } monitor && monitor.Read(record) is double value)
        {
            var best = history.Take(history.Count - 1).Select(monitor.Read).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (best.Count == 0 || monitor.Improves(value, monitor.HigherIsBetter ? best.Max() : best.Min()))
            {
                Checkpoint.Save(checkpoints.Best, model.Module, optimizer, record.Epoch, History());
                if (options.EarlyStopping is null)
                    history.BestEpoch = record.Epoch; // with early stopping, its own monitor names the best epoch
            }
        }
    }

    /// <summary>Early stopping's bookkeeping: the best value, the epochs without improvement, the best parameters.</summary>
    private sealed class StoppingState(EarlyStopping? rule, object history)
    {
        private double? _best;
        private int _waited;
        private Dictionary<string, Tensor>? _bestParameters;

        public bool Update<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> record, nn.Module model)
            where TLossValues : ILossValues<TLossValues>
            where TMetrics : class, ITaskMetricsSet
        {
            if (rule is null || rule.Monitor.Read(record) is not double value)
                return false;
            if (rule.Monitor.Improves(value, _best, rule.MinDelta))
            {
                _best = value;
                _waited = 0;
                ((TrainingHistory<TLossValues, TMetrics>)history).BestEpoch = record.Epoch;
                if (rule.RestoreBestWeights)
                    Keep(model);
                return false;
            }
            return ++_waited >= rule.Patience;
        }

        public void RestoreBest(nn.Module model)
        {
            if (_bestParameters is null)
                return;
            using var noGrad = no_grad();
            foreach (var (name, tensor) in model.state_dict())
            {
                if (_bestParameters.TryGetValue(name, out var best))
                    tensor.copy_(best);
            }
            foreach (var tensor in _bestParameters.Values)
                tensor.Dispose();
            _bestParameters = null;
        }

        private void Keep(nn.Module model)
        {
            if (_bestParameters is not null)
            {
                foreach (var tensor in _bestParameters.Values)
                    tensor.Dispose();
            }
            _bestParameters = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
        }
    }

    private static readonly JsonSerializerOptions HistoryJsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static double RunningTotal(Tensor sums, Tensor counts)
    {
        using var scope = NewDisposeScope();
        return HostReads.Values((sums[0] / counts[0].clamp_min(1e-300)).reshape(1))[0];
    }

    private static torch.Device Device<TBatch>(IStepModel<TBatch> model)
    {
        foreach (var parameter in model.Module.parameters())
            return parameter.device;
        return torch.CPU;
    }

    private static IEnumerable<double> LearningRates(optim.Optimizer optimizer)
        => optimizer is TorchSharp.Modules.OptimizerHelper helper ? helper.ParamGroups.Select(g => g.LearningRate) : Enumerable.Empty<double>();

    private static void SetLearningRates(optim.Optimizer optimizer, double[] rates)
    {
        if (optimizer is not TorchSharp.Modules.OptimizerHelper helper)
            return;
        int i = 0;
        foreach (var group in helper.ParamGroups)
        {
            if (i < rates.Length)
                group.LearningRate = rates[i];
            i++;
        }
    }
}
