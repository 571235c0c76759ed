using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>The per-task evaluation results of a model; the generated <c>Metrics</c> record implements it.</summary>
public interface ITaskMetricsSet
{
    /// <summary>Every task's results, in declaration order.</summary>
    IReadOnlyList<TaskMetrics> Tasks { get; }
}
