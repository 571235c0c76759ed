using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>How much a multi-task model improves on single-task models, as the multi-task literature reports it.</summary>
public static class MultiTaskImprovement
{
    /// <summary>
    /// Δp (Maninis et al., CVPR 2019; LibMTL's definition): the mean over tasks of the mean over each task's metrics of
    /// the relative improvement over its single-task reference, <c>(−1)^l (M − M_ref) / M_ref</c> with l = 1 when lower
    /// is better (errors), as a fraction (×100 for per cent). A task without declared metrics is judged by its loss.
    /// </summary>
    /// <param name="metrics">The multi-task model's metrics.</param>
    /// <param name="references">Each task's single-task reference metrics, by task name.</param>
    public static double DeltaP(ITaskMetricsSet metrics, IReadOnlyDictionary<string, TaskMetrics> references)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(references);
        var perTask = new List<double>();
        foreach (var task in metrics.Tasks)
        {
            if (!references.TryGetValue(task.Task, out var reference))
                throw new ArgumentException($"No single-task reference for task '{task.Task}'.", nameof(references));
            var terms = new List<double>();
            foreach (var metric in new[] { MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanIoU, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError })
            {
                if (task.Get(metric) is double value && reference.Get(metric) is double baseline)
                    terms.Add(Relative(value, baseline, higherIsBetter: metric is MetricKind.Accuracy or MetricKind.MacroF1 or MetricKind.MeanIoU));
            }
            if (terms.Count == 0)
                terms.Add(Relative(task.Loss, reference.Loss, higherIsBetter: false));
            perTask.Add(terms.Average());
        }
        return perTask.Average();
    }

    private static double Relative(double value, double baseline, bool higherIsBetter)
        => (higherIsBetter ? value - baseline : baseline - value) / baseline;
}
