using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks a task's own tower: a module field or <c>Tensor M(Tensor)</c> method between what the task reads (the
/// shared trunk's output, its mixture of experts, or its input after the stem when the model has no trunk) and its
/// head. Towers are what <see cref="SoftSharingAttribute"/> ties and what <see cref="CrossStitchAttribute"/> stitches;
/// their output is the task's hidden features, which another task can read with
/// <see cref="TaskInputAttribute"/> and <see cref="TaskSignal.Hidden"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class TowerAttribute : Attribute
{
    /// <param name="task">The task the tower belongs to; it needs a <see cref="HeadAttribute"/> of the same name.</param>
    public TowerAttribute(string task) => Task = task;

    /// <summary>The task the tower belongs to.</summary>
    public string Task { get; }
}
