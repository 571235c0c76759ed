using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>The fit loop shared by every generated model.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for <see cref="FitOptions.Epochs"/> passes over <paramref name="train"/>, evaluating
    /// on <paramref name="validation"/> when given, and calling the fit's callbacks (<see cref="FitOptions.Callbacks"/>;
    /// <paramref name="progress"/> and <paramref name="onEpoch"/> are shorthands for two of them) around every epoch
    /// and batch: they step schedulers, save checkpoints, stop early, log and report progress.
    /// </summary>
    /// <remarks>
    /// Create <paramref name="optimizer"/> after moving the model to its device: <c>to()</c> replaces parameter tensors,
    /// and an optimizer made earlier would update the old ones. Losses accumulate on the device and are read at the end
    /// of each epoch (and when a callback asks, see <see cref="FitContext{TLossValues, TMetrics}.ReadRunningLoss"/>).
    /// Cancelling <paramref name="cancellationToken"/> ends the fit after the current step and returns the completed
    /// epochs, with <see cref="TrainingHistory{TLossValues, TMetrics}.Cancelled"/> set.
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
        if (options.DataParallel is { Size: > 1 } group)
            return DataParallelFit(model, train, optimizer, options, validation, progress, onEpoch, cancellationToken, group);
        return FitCore(model, train, optimizer, options, validation, progress, onEpoch, cancellationToken, group: null);
    }

    /// <summary>
    /// Data parallelism: every process runs the loop on its share of each batch (see <see cref="ProcessGroup"/> and
    /// docs/distributed.md); an error on any process stops them all rather than leave the others waiting.
    /// </summary>
    private static TrainingHistory<TLossValues, TMetrics> DataParallelFit<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, IBatchSource<TBatch> train, optim.Optimizer optimizer, FitOptions options,
        IBatchSource<TBatch>? validation, IProgress<FitProgress>? progress, Action<EpochRecord<TLossValues, TMetrics>>? onEpoch,
        CancellationToken cancellationToken, ProcessGroup group)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        using var context = DataParallelContext.Enter(group);
        string? resumeCopy = null;
        try
        {
            train = RankShards.Of(train, group, "training");
            if (validation is not null)
                validation = RankShards.Of(validation, group, "validation");
            if (!group.IsRoot)
            {
                progress = null;
                onEpoch = null;
            }
            if (options.ResumeFrom is { } path)
            {
                // Process 0's checkpoint, wherever the others run: its bytes are broadcast and resumed from a local copy.
                resumeCopy = DataParallelFitSupport.Share(group, path);
                options = options with { ResumeFrom = resumeCopy };
            }
            return FitCore(model, train, optimizer, options, validation, progress, onEpoch, cancellationToken, group);
        }
        catch (Exception error)
        {
            group.Abort(DataParallelFitSupport.Describe(group, error));
            throw; // not reached: Abort ends the process
        }
        finally
        {
            if (resumeCopy is not null && !group.IsRoot && System.IO.File.Exists(resumeCopy))
                System.IO.File.Delete(resumeCopy);
        }
    }

    private static TrainingHistory<TLossValues, TMetrics> FitCore<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, IBatchSource<TBatch> train, optim.Optimizer optimizer, FitOptions options,
        IBatchSource<TBatch>? validation, IProgress<FitProgress>? progress, Action<EpochRecord<TLossValues, TMetrics>>? onEpoch,
        CancellationToken cancellationToken, ProcessGroup? group)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var callbacks = options.AllCallbacks();
        if (group is { IsRoot: false })
            callbacks.RemoveAll(DataParallelFitSupport.WritesOutput); // files, logs and reports come from process 0
        if (onEpoch is not null)
            callbacks.Add(new EpochEndCallback<TLossValues, TMetrics>(onEpoch));
        if (progress is not null)
            callbacks.Add(new ProgressCallback(progress) { RefreshEvery = options.ReportEvery });
        var fit = new FitContext<TLossValues, TMetrics>(model.Module, optimizer, model.Weighting, options, validation is not null,
            train.BatchCount, callbacks, cancellationToken);
        var history = fit.History;
        if (options.ResumeFrom is { } resume)
            fit.Epoch = Resume(model, optimizer, resume, history);
        if (group is not null)
        {
            // Every process starts from process 0's parameters, buffers, strategy state and optimizer state.
            TensorCollectives.BroadcastModule(group, model.Module);
            TensorCollectives.BroadcastOptimizer(group, optimizer);
        }

        foreach (var callback in callbacks)
            callback.OnTrainBegin(fit);
        for (int epoch = fit.Epoch + 1; epoch <= options.Epochs && !cancellationToken.IsCancellationRequested; epoch++)
        {
            fit.Epoch = epoch;
            foreach (var callback in callbacks)
                callback.OnEpochBegin(fit);
            var clock = Stopwatch.StartNew();
            var relationships = options.Relationships is null ? null : new RelationshipAccumulator(model.Tasks);
            if (TrainEpoch(model, train, optimizer, options, fit, relationships, group) is not { } trained)
                break; // cancelled within the epoch: it is not recorded
            if (group is not null)
                TensorCollectives.AverageBuffers(group, model.Module, skipPrefix: LossWeighting.SubmoduleName + "."); // per-process batch-norm statistics (docs/distributed.md)
            TMetrics? metrics = null;
            if (validation is not null && (epoch % options.ValidateEvery == 0 || epoch == options.Epochs))
                metrics = model.Evaluate(validation.GetBatches(epoch));

            var weights = model.Weighting.EffectiveWeights().ToArray();
            var record = new EpochRecord<TLossValues, TMetrics>(epoch, trained.Mean, metrics, clock.Elapsed)
            {
                SkippedBatches = trained.Skipped,
                LearningRate = LearningRates(optimizer).Cast<double?>().FirstOrDefault(),
                LossWeights = weights,
                Relationships = relationships?.Result(weights),
            };
            history.Add(record);
            foreach (var callback in callbacks)
                callback.OnEpochEnd(fit, record);
            if (fit.StopReason is not null)
                break;
        }
        history.StopReason = fit.StopReason;
        history.Cancelled = cancellationToken.IsCancellationRequested && fit.StopReason is null && history.Count < options.Epochs;
        foreach (var callback in callbacks)
            callback.OnTrainEnd(fit);
        // Left in training mode, as after a PyTorch loop: Evaluate switches to inference mode by itself.
        return history;
    }

    /// <summary>One pass over the training data: the mean losses and the number of skipped batches, or null when cancelled.</summary>
    private static (TLossValues Mean, int Skipped)? TrainEpoch<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, IBatchSource<TBatch> train, optim.Optimizer optimizer,
        FitOptions options, FitContext<TLossValues, TMetrics> fit, RelationshipAccumulator? relationships, ProcessGroup? group)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        int epoch = fit.Epoch;
        int taskCount = TLossValues.TaskNames.Count;
        int width = 1 + taskCount + TLossValues.PenaltyNames.Count;
        var stepOptions = options.Step ?? new TrainStepOptions();
        var callbacks = fit.Callbacks;
        model.SetTrainingMode(true);
        // Running sums live across the per-batch dispose scopes: detached from them, disposed at the end of the epoch.
        using var sums = zeros(width, dtype: ScalarType.Float64, device: Device(model)).DetachFromDisposeScope();
        using var counts = zeros(width, dtype: ScalarType.Float64, device: Device(model)).DetachFromDisposeScope();
        int steps = 0, skipped = 0;
        double RunningLoss() => steps == 0 ? double.NaN : RunningTotal(sums, counts);
        try
        {
            var batches = train.GetBatches(epoch);
            if (group is not null && train is IRankShardedSource)
                batches = RankShards.InLockstep(batches, group);
            foreach (var batch in ScopedBatches.Of(batches))
            {
                int index = steps + skipped + 1;
                foreach (var callback in callbacks)
                    callback.OnBatchBegin(fit, index);
                var measure = options.Relationships is { } every && (index - 1) % every.Every == 0 ? options.Relationships : null;
                BatchProblem? problem;
                using (var result = TrainingSteps.Run(model, batch, optimizer, stepOptions with { Epoch = epoch, Batch = index, MeasureRelationships = measure }))
                {
                    if (result.Relationships is { } sample)
                        relationships?.Add(sample);
                    problem = result.Problem;
                    if (result.Skipped)
                    {
                        skipped++;
                    }
                    else
                    {
                        sums.add_(result.Values.nan_to_num(0) * result.Weights);
                        counts.add_(result.Weights);
                        steps++;
                    }
                }
                fit.SetRunningLoss(RunningLoss);
                var done = new FitBatch(epoch, index, train.BatchCount, problem);
                foreach (var callback in callbacks)
                    callback.OnBatchEnd(fit, done);
                // Checked between steps, never inside one: a step is either taken whole or not at all.
                if (fit.CancellationToken.IsCancellationRequested)
                    return null;
            }
        }
        finally
        {
            fit.SetRunningLoss(null);
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
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, optim.Optimizer optimizer, string path,
        TrainingHistory<TLossValues, TMetrics> history)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        // A scheduler is built on the fresh optimizer: keep its starting rates, since the saved optimizer state brings
        // the rates of the saved epoch, and the scheduler replays the saved epochs from the start (SchedulerCallback).
        var initial = LearningRates(optimizer).ToArray();
        var info = Checkpoint.Load(path, model.Module, optimizer);
        var epochs = TrainingState.Deserialize<TLossValues, TMetrics>(Checkpoint.LoadTrainingState(path))
            ?? throw new System.IO.InvalidDataException($"'{path}': the saved history is empty.");
        int epoch = info.Epoch ?? epochs.Count;
        if (epochs.Count != epoch || epochs.Select(e => e.Epoch).SequenceEqual(Enumerable.Range(1, epoch)) is false)
            throw new System.IO.InvalidDataException($"'{path}': the saved history does not cover epochs 1 to {epoch}.");
        SetLearningRates(optimizer, initial);
        foreach (var record in epochs)
            history.Add(record);
        return epoch;
    }

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
