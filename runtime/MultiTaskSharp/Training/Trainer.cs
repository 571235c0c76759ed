using System;
using System.Diagnostics;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>The fit loop shared by every generated model.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for <see cref="FitOptions.Epochs"/> passes over
    /// <paramref name="train"/>, reporting every step to <paramref name="progress"/> and every epoch
    /// to <paramref name="onEpoch"/>, and evaluating on <paramref name="validation"/> when given.
    /// </summary>
    /// <remarks>
    /// Create <paramref name="optimizer"/> after moving the model to its device: <c>to()</c>
    /// replaces parameter tensors, and an optimizer made earlier would update the old ones.
    /// </remarks>
    public static TrainingHistory<TLossValues, TMetrics> Fit<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model,
        IBatchSource<TBatch> train,
        torch.optim.Optimizer optimizer,
        FitOptions? options = null,
        IBatchSource<TBatch>? validation = null,
        IProgress<FitProgress>? progress = null,
        Action<EpochRecord<TLossValues, TMetrics>>? onEpoch = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new FitOptions();
        options.Validate();

        int taskCount = TLossValues.TaskNames.Count;
        var history = new TrainingHistory<TLossValues, TMetrics>();
        var sums = new double[taskCount];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.SetTrainingMode(true);
            Array.Clear(sums);
            double totalSum = 0;
            int steps = 0;
            int? batchCount = train.BatchCount;
            // TrainStep frees its own tensors; ScopedBatches also frees what the source creates per batch.
            foreach (var batch in ScopedBatches.Of(train.GetBatches(epoch)))
            {
                var values = model.TrainStep(batch, optimizer, options.Step);
                totalSum += values.Total;
                for (int t = 0; t < taskCount; t++)
                    sums[t] += values[t];
                steps++;
                progress?.Report(new FitProgress(epoch, options.Epochs, steps, batchCount, values.Total));
            }
            if (steps == 0)
                throw new InvalidOperationException($"Epoch {epoch}: the training source produced no batches.");

            for (int t = 0; t < taskCount; t++)
                sums[t] /= steps;
            var mean = TLossValues.Create(totalSum / steps, sums);

            TMetrics? metrics = null;
            if (validation is not null && (epoch % options.ValidateEvery == 0 || epoch == options.Epochs))
                metrics = model.Evaluate(validation.GetBatches(epoch));

            var record = new EpochRecord<TLossValues, TMetrics>(epoch, mean, metrics, clock.Elapsed);
            history.Add(record);
            onEpoch?.Invoke(record);
        }
        // Left in training mode, as after a PyTorch loop: Evaluate switches to inference mode by itself.
        return history;
    }
}
