using System.Collections.Generic;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>Δp as LibMTL defines it, against a hand calculation.</summary>
public sealed class DeltaPTests
{
    private sealed record Set(IReadOnlyList<TaskMetrics> Tasks) : ITaskMetricsSet;

    [Fact]
    public void Delta_p_averages_signed_relative_improvements_per_task_then_over_tasks()
    {
        var multi = new Set([new TaskMetrics("A", 0.5, Accuracy: 0.90, MacroF1: 0.80), new TaskMetrics("B", 0.3, MeanSquaredError: 0.12)]);
        var single = new Dictionary<string, TaskMetrics>
        {
            ["A"] = new("A", 0.4, Accuracy: 0.80, MacroF1: 0.80),
            ["B"] = new("B", 0.2, MeanSquaredError: 0.10),
        };
        // A: ((0.90 − 0.80) / 0.80 + 0) / 2 = 0.0625; B (lower is better): (0.10 − 0.12) / 0.10 = −0.2; mean −0.06875.
        Assert.Equal(-0.06875, MultiTaskImprovement.DeltaP(multi, single), 12);
    }

    [Fact]
    public void A_task_without_metrics_is_judged_by_its_loss()
    {
        var multi = new Set([new TaskMetrics("A", 0.5)]);
        Assert.Equal(0.5, MultiTaskImprovement.DeltaP(multi, new Dictionary<string, TaskMetrics> { ["A"] = new("A", 1.0) }), 12);
    }
}
