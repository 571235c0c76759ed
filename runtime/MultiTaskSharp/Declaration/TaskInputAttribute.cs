using System;

namespace MultiTaskSharp;

/// <summary>
/// A task-to-task connection: the marked head or tower also reads another task's head output (raw logits for a
/// classification head, see <see cref="TaskSignal.Output"/>) or hidden features, concatenated after its own input along
/// dimension 1 (features or channels). The generated forward pass runs
/// the source task first; a cycle of connections is a compile-time error. Repeat the attribute to read several tasks.
/// </summary>
/// <remarks>
/// With <see cref="Detach"/> the connection carries values only: the reading task's loss trains nothing of the source
/// task. Without it, gradients flow back into the source task's layers too.
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class TaskInputAttribute : Attribute
{
    /// <param name="task">The task whose signal is read.</param>
    public TaskInputAttribute(string task) => Task = task;

    /// <summary>The task whose signal is read.</summary>
    public string Task { get; }

    /// <summary>What is read: the task's head output (default; logits for a classification head) or its tower's hidden features.</summary>
    public TaskSignal Signal { get; set; } = TaskSignal.Output;

    /// <summary>Whether the connection stops gradients (default false: gradients flow into the source task).</summary>
    public bool Detach { get; set; }
}
