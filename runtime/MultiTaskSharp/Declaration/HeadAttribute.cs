using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks a task head: a field holding a <c>Module&lt;Tensor, Tensor&gt;</c>, or a method
/// <c>Tensor M(Tensor)</c>, that maps the trunk's output to the task's prediction.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class HeadAttribute : Attribute
{
    /// <param name="task">
    /// The task name. It must be a valid C# identifier: it names the task's property in the
    /// generated <c>Outputs</c>, <c>Targets</c>, <c>Losses</c> and <c>Metrics</c> records.
    /// </param>
    public HeadAttribute(string task) => Task = task;

    /// <summary>The task name.</summary>
    public string Task { get; }

    /// <summary>The built-in loss of the task. Ignored when <see cref="LossMethod"/> is set.</summary>
    public LossKind Loss { get; set; } = LossKind.MeanSquaredError;

    /// <summary>
    /// The name of a method of the model, <c>Tensor M(Tensor prediction, Tensor target)</c>,
    /// returning the task's scalar loss. Use <c>nameof(M)</c>.
    /// </summary>
    public string? LossMethod { get; set; }

    /// <summary>The metrics reported for the task by evaluation (flags; combine with <c>|</c>).</summary>
    public MetricKind Metric { get; set; } = MetricKind.None;

    /// <summary>
    /// What the head predicts, which decides how its metrics read predictions and targets. Built-in losses imply it
    /// (and stating a different one is a compile-time error); a head with a <see cref="LossMethod"/> states it here
    /// (default <see cref="OutputKind.Regression"/>).
    /// </summary>
    public OutputKind Output { get; set; } = OutputKind.Regression;

    /// <summary>
    /// Whether the task's targets may be missing (partial labels). Missing entries are marked by an explicit mask in the
    /// generated <c>Targets</c> or by convention: NaN in floating-point targets (per entry), a negative class index in
    /// class targets, or a null target for a whole batch. The task's loss averages over present entries only and is 0,
    /// with no gradient, when a batch has none; metrics skip missing entries.
    /// </summary>
    public bool AllowMissing { get; set; }

    /// <summary>The input the head reads (through its stem and the trunk). Needed only with several inputs.</summary>
    public string? Input { get; set; }

    /// <summary>
    /// The shape of one example's target, without the batch dimension (optional). When stated, the
    /// generator checks it against the head's output at compile time: the regression losses and
    /// <see cref="LossKind.BinaryCrossEntropyWithLogits"/> need the prediction's shape,
    /// <see cref="LossKind.PixelCrossEntropy"/> the prediction's spatial dimensions, and
    /// <see cref="LossKind.CrossEntropy"/> (one class index per example) none: leave it unset there.
    /// </summary>
    public int[]? TargetShape { get; set; }
}
