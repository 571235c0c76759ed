using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// The named scalar series of a fit: every exporter (CSV, JSON, TensorBoard, plots) reads an epoch through
/// <see cref="Of{TLossValues, TMetrics}"/>, so a new number in <see cref="EpochRecord{TLossValues, TMetrics}"/>
/// becomes a column, a tag and a curve by adding one line there.
/// </summary>
/// <remarks>
/// Names follow TensorBoard's grouping by the part before the first <c>/</c>: <c>time/elapsed_seconds</c>,
/// <c>train/loss/total</c>, <c>train/loss/{task}</c>, <c>validation/loss/{task}</c> and
/// <c>validation/{task}/{metric}</c> for each metric the task declared (metric names as in <see cref="MetricKind"/>).
/// Validation series are present only in the epochs that were validated.
/// </remarks>
public static class EpochSeries
{
    /// <summary>The column that numbers the epochs in table exports.</summary>
    public const string Epoch = "epoch";

    /// <summary>Wall time of the epoch in seconds, validation included.</summary>
    public const string ElapsedSeconds = "time/elapsed_seconds";

    /// <summary>The total weighted training loss.</summary>
    public const string TrainTotalLoss = "train/loss/total";

    /// <summary>The metrics a task can declare, in the order their series are listed.</summary>
    public static IReadOnlyList<MetricKind> Metrics { get; } =
        [MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanIoU, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError];

    /// <summary>The optimizer's learning rate at the end of the epoch.</summary>
    public const string LearningRate = "train/learning_rate";

    /// <summary>Batches skipped because they failed the checks.</summary>
    public const string SkippedBatches = "train/skipped_batches";

    /// <summary>The weight the strategy gave a task at the end of the epoch.</summary>
    public static string LossWeight(string task) => $"train/weight/{task}";

    /// <summary>The name of a task's mean unweighted training loss.</summary>
    public static string TrainLoss(string task) => $"train/loss/{task}";

    /// <summary>The name of a task's validation loss.</summary>
    public static string ValidationLoss(string task) => $"validation/loss/{task}";

    /// <summary>The name of a task's validation metric.</summary>
    public static string ValidationMetric(string task, MetricKind metric) => $"validation/{task}/{metric}";

    /// <summary>Every named number of <paramref name="epoch"/>, in a stable order.</summary>
    public static IReadOnlyList<EpochScalar> Of<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> epoch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(epoch);
        var tasks = TLossValues.TaskNames;
        var scalars = new List<EpochScalar>
        {
            new(ElapsedSeconds, epoch.Elapsed.TotalSeconds),
            new(TrainTotalLoss, epoch.Train.Total),
        };
        for (int t = 0; t < tasks.Count; t++)
            scalars.Add(new(TrainLoss(tasks[t]), epoch.Train[t]));
        var penalties = TLossValues.PenaltyNames;
        var vector = epoch.Train.ToVector();
        for (int p = 0; p < penalties.Count; p++)
            scalars.Add(new($"train/penalty/{penalties[p]}", vector[1 + tasks.Count + p]));
        if (epoch.LearningRate is double rate)
            scalars.Add(new(LearningRate, rate));
        if (epoch.LossWeights is { } weights)
        {
            for (int t = 0; t < weights.Count && t < tasks.Count; t++)
                scalars.Add(new(LossWeight(tasks[t]), weights[t]));
        }
        if (epoch.SkippedBatches > 0)
            scalars.Add(new(SkippedBatches, epoch.SkippedBatches));

        if (epoch.Validation is { } validation)
        {
            foreach (var task in validation.Tasks)
                scalars.Add(new(ValidationLoss(task.Task), task.Loss));
            foreach (var task in validation.Tasks)
            {
                foreach (var metric in Metrics)
                {
                    if (task.Get(metric) is double value)
                        scalars.Add(new(ValidationMetric(task.Task, metric), value));
                }
            }
        }
        return scalars;
    }
}
