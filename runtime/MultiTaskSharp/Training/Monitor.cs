using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// A number <c>Fit</c> watches across epochs, for early stopping, keeping the best checkpoint, or a plateau scheduler:
/// a task's validation metric or loss, the total validation loss, the training loss, or Δp, the multi-task
/// improvement over single-task reference metrics.
/// </summary>
public sealed class Monitor
{
    private readonly Func<ITaskMetricsSet?, double, double?> _read;

    private Monitor(string name, bool higherIsBetter, bool needsValidation, Func<ITaskMetricsSet?, double, double?> read)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
        NeedsValidation = needsValidation;
        _read = read;
    }

    /// <summary>What is watched, for messages and logs.</summary>
    public string Name { get; }

    /// <summary>Whether a larger value is an improvement.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Whether the value comes from validation (epochs without validation are then not judged).</summary>
    public bool NeedsValidation { get; }

    /// <summary>The sum of every task's mean validation loss (unweighted).</summary>
    public static Monitor ValidationLoss { get; } = new("validation loss", false, true,
        (validation, _) => validation?.Tasks.Sum(t => t.Loss));

    /// <summary>The epoch's mean total training loss.</summary>
    public static Monitor TrainingLoss { get; } = new("training loss", false, false, (_, train) => train);

    /// <summary>One task's mean validation loss.</summary>
    public static Monitor TaskLoss(string task) => new($"{task} validation loss", false, true,
        (validation, _) => Find(validation, task)?.Loss);

    /// <summary>One task's validation metric; errors and losses improve downwards, the others upwards.</summary>
    public static Monitor Metric(string task, MetricKind metric)
    {
        if (metric is MetricKind.None || (metric & (metric - 1)) != 0)
            throw new ArgumentException($"Monitor one metric at a time, not {metric}.", nameof(metric));
        bool higher = metric is not (MetricKind.MeanSquaredError or MetricKind.MeanAbsoluteError);
        return new Monitor($"{task} {metric}", higher, true, (validation, _) =>
        {
            var found = Find(validation, task);
            if (found is null)
                return null;
            return found.Get(metric) ?? throw new InvalidOperationException($"Task '{task}' does not declare the metric {metric}; the monitor cannot read it.");
        });
    }

    /// <summary>Δp against single-task reference metrics (see <see cref="MultiTaskImprovement.DeltaP"/>); higher is better.</summary>
    public static Monitor DeltaP(IReadOnlyDictionary<string, TaskMetrics> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return new Monitor("Δp", true, true, (validation, _) => validation is null ? null : MultiTaskImprovement.DeltaP(validation, references));
    }

    /// <summary>The watched value of an epoch, or null when the epoch has none (not validated).</summary>
    public double? Read<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> epoch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
        => _read(epoch.Validation, epoch.Train.Total);

    /// <summary>Whether <paramref name="candidate"/> improves on <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool Improves(double candidate, double? best, double minDelta = 0)
        => !double.IsNaN(candidate) && (best is not double b || (HigherIsBetter ? candidate > b + minDelta : candidate < b - minDelta));

    private static TaskMetrics? Find(ITaskMetricsSet? validation, string task)
    {
        if (validation is null)
            return null;
        return validation.Tasks.FirstOrDefault(t => t.Task == task)
            ?? throw new ArgumentException($"No task '{task}' to monitor; tasks: {string.Join(", ", validation.Tasks.Select(t => t.Task))}.", nameof(task));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
