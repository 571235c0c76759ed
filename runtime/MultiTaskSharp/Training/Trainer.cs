using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>The fit loop shared by every generated model.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for <see cref="FitOptions.Epochs"/> passes over <paramref name="train"/>, reporting
    /// progress to <paramref name="progress"/> and every epoch to <paramref name="onEpoch"/>, and evaluating on
    /// <paramref name="validation"/> when given.
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

        int taskCount = TLossValues.TaskNames.Count;
        int width = 1 + taskCount + TLossValues.PenaltyNames.Count;
        var history = new TrainingHistory<TLossValues, TMetrics>();
        var stepOptions = options.Step ?? new TrainStepOptions();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
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
                using var result = TrainingSteps.Run(model, batch, optimizer, stepOptions with { Epoch = epoch, Batch = steps + skipped + 1 });
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
                means = TrainingSteps.Read(sums / counts.clamp_min(1e-300));
            var mean = TLossValues.FromVector(means);
            model.Weighting.EndEpoch(epoch, means.Skip(1).Take(taskCount).ToArray());

            TMetrics? metrics = null;
            if (validation is not null && (epoch % options.ValidateEvery == 0 || epoch == options.Epochs))
                metrics = model.Evaluate(validation.GetBatches(epoch));

            var record = new EpochRecord<TLossValues, TMetrics>(epoch, mean, metrics, clock.Elapsed)
            {
                SkippedBatches = skipped,
                LearningRate = LearningRate(optimizer),
                LossWeights = model.Weighting.EffectiveWeights().ToArray(),
            };
            history.Add(record);
            onEpoch?.Invoke(record);
        }
        // Left in training mode, as after a PyTorch loop: Evaluate switches to inference mode by itself.
        return history;
    }

    private static double RunningTotal(Tensor sums, Tensor counts)
    {
        using var scope = NewDisposeScope();
        return TrainingSteps.Read((sums[0] / counts[0].clamp_min(1e-300)).reshape(1))[0];
    }

    private static torch.Device Device<TBatch>(IStepModel<TBatch> model)
    {
        foreach (var parameter in model.Module.parameters())
            return parameter.device;
        return torch.CPU;
    }

    private static double? LearningRate(optim.Optimizer optimizer)
        => optimizer is TorchSharp.Modules.OptimizerHelper helper ? helper.ParamGroups.FirstOrDefault()?.LearningRate : null;
}
