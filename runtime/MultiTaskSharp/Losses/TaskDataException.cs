using System;

namespace MultiTaskSharp;

/// <summary>
/// A batch does not fit the model's declaration: a target or input of the wrong shape, type or size, a missing one,
/// a class label out of range, or a non-finite value. The message names the task (or input), the member and the
/// expected and actual values; a problem of the batch as a whole (its targets missing, no examples) names the member only.
/// </summary>
public sealed class TaskDataException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="task"/> (or input) and <paramref name="member"/>.</summary>
    public TaskDataException(string task, string member, string message, bool isInput = false)
        : base($"{(isInput ? "Input" : "Task")} '{task}': {member}: {message}")
    {
        Task = task;
        Member = member;
        IsInput = isInput;
    }

    private TaskDataException(string member, string message)
        : base($"{member}: {message}")
    {
        Task = string.Empty;
        Member = member;
    }

    /// <summary>A problem of a whole batch (<c>Batch.Targets</c>, <c>Batch</c>) rather than of one task or input.</summary>
    public static TaskDataException ForBatch(string member, string message) => new(member, message);

    /// <summary>The task (or input) the offending value belongs to; empty for a problem of the whole batch.</summary>
    public string Task { get; }

    /// <summary>The member that holds the offending value, for example <c>Targets.Shape</c>.</summary>
    public string Member { get; }

    /// <summary>Whether <see cref="Task"/> names a model input rather than a task.</summary>
    public bool IsInput { get; }
}
