using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// A number <c>Fit</c> watches across epochs, for early stopping, keeping the best checkpoint, or a plateau scheduler:
/// a task's validation metric or loss, the total validation loss, the training loss, or Δp, the multi-task
/// improvement over single-task reference metrics.
/// </summary>
/// <remarks>
/// Task monitors come from the model: every model has a generated <c>Monitors</c> class with one monitor per task loss
/// and declared metric (<c>SceneModel.Monitors.ShapeAccuracy</c>, <c>SceneModel.Monitors.MaskLoss</c>), so a misspelt
/// task or an undeclared metric is a compile error. (Named <c>FitMonitor</c>, not <c>Monitor</c>: with implicit usings
/// a <c>Monitor</c> would be ambiguous with <see cref="System.Threading.Monitor"/>.)
/// </remarks>
public sealed class FitMonitor
{
    private readonly Func<ITaskMetricsSet?, double, double?> _read;

    private FitMonitor(string name, bool higherIsBetter, bool needsValidation, string? task, Func<ITaskMetricsSet?, double, double?> read)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
        NeedsValidation = needsValidation;
        Task = task;
        _read = read;
    }

    /// <summary>What is watched, for messages and logs.</summary>
    public string Name { get; }

    /// <summary>Whether a larger value is an improvement.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Whether the value comes from validation (epochs without validation are then not judged).</summary>
    public bool NeedsValidation { get; }

    /// <summary>The task whose loss or metric is watched, or null for a monitor of the whole model.</summary>
    public string? Task { get; }

    /// <summary>The sum of every task's mean validation loss (unweighted).</summary>
    public static FitMonitor ValidationLoss { get; } = new("validation loss", false, true, null,
        (validation, _) => validation?.Tasks.Sum(t => t.Loss));

    /// <summary>The epoch's mean total training loss.</summary>
    public static FitMonitor TrainingLoss { get; } = new("training loss", false, false, null, (_, train) => train);

    /// <summary>One task's mean validation loss, by the task's name (checked when <c>Fit</c> starts).</summary>
    [Obsolete("Use the model's generated typed monitor, e.g. SceneModel.Monitors.ShapeLoss: a misspelt task is then a compile error.")]
    public static FitMonitor TaskLoss(string task) => DeclaredLoss(task);

    /// <summary>One task's validation metric, by the task's name (checked when <c>Fit</c> starts); errors improve downwards.</summary>
    [Obsolete("Use the model's generated typed monitor, e.g. SceneModel.Monitors.ShapeAccuracy: a misspelt task or an undeclared metric is then a compile error.")]
    public static FitMonitor Metric(string task, MetricKind metric) => DeclaredMetric(task, metric);

    /// <summary>Δp against single-task reference metrics (see <see cref="MultiTaskImprovement.DeltaP"/>); higher is better.</summary>
    public static FitMonitor DeltaP(IReadOnlyDictionary<string, TaskMetrics> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return new FitMonitor("Δp", true, true, null, (validation, _) => validation is null ? null : MultiTaskImprovement.DeltaP(validation, references));
    }

    /// <summary>A task's validation loss; called by the generated <c>Monitors</c> class, whose task names are checked.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FitMonitor DeclaredLoss(string task)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        return new FitMonitor($"{task} validation loss", false, true, task, (validation, _) => Find(validation, task)?.Loss);
    }

    /// <summary>A task's validation metric; called by the generated <c>Monitors</c> class, which lists declared metrics only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FitMonitor DeclaredMetric(string task, MetricKind metric)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        if (metric is MetricKind.None || (metric & (metric - 1)) != 0)
            throw new ArgumentException($"Monitor one metric at a time, not {metric}.", nameof(metric));
        bool higher = metric is not (MetricKind.MeanSquaredError or MetricKind.MeanAbsoluteError);
        return new FitMonitor($"{task} {metric}", higher, true, task, (validation, _) =>
        {
            var found = Find(validation, task);
            if (found is null)
                return null;
            return found.Get(metric) ?? throw new InvalidOperationException(
                $"Task '{task}' does not declare the metric {metric}, so the monitor '{task} {metric}' cannot read it; declare it on the head ([Head(\"{task}\", Metric = MetricKind.{metric})]) or use one of the model's generated Monitors.");
        });
    }

    /// <summary>The watched value of an epoch, or null when the epoch has none (not validated).</summary>
    public double? Read<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> epoch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
        => _read(epoch.Validation, epoch.Train.Total);

    /// <summary>Whether <paramref name="candidate"/> improves on <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool Improves(double candidate, double? best, double minDelta = 0)
        => !double.IsNaN(candidate) && (best is not double b || (HigherIsBetter ? candidate > b + minDelta : candidate < b - minDelta));

    /// <summary>
    /// Checks, before the first epoch, that the monitor can be read for this fit: its task exists, and validation is
    /// given when it reads validation results. <paramref name="role"/> names who watches it, for the message.
    /// </summary>
    internal void Validate(IReadOnlyList<string> tasks, bool hasValidation, string role)
    {
        if (Task is { } task && !tasks.Contains(task, StringComparer.Ordinal))
        {
            var close = tasks.FirstOrDefault(t => string.Equals(t, task, StringComparison.OrdinalIgnoreCase));
            throw new ArgumentException(
                $"{role} monitors '{Name}', but the model has no task '{task}'{(close is null ? "" : $" (did you mean '{close}'?)")}; its tasks are {string.Join(", ", tasks.Select(t => "'" + t + "'"))}. "
                + "Use the model's generated typed monitors (Model.Monitors.<Task><Metric>) to have task names checked at compile time.");
        }
        if (NeedsValidation && !hasValidation)
            throw new ArgumentException($"{role}: monitoring {Name} needs a validation source (pass validation: to Fit).", "validation");
    }

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
