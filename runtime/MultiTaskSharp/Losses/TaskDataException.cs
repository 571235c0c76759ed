using System;

namespace MultiTaskSharp;

/// <summary>
/// A batch does not fit the model's declaration: a target or input of the wrong shape, type or
/// size, or a missing one. The message names the task, the member and the expected and actual values.
/// </summary>
public sealed class TaskDataException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="task"/> and <paramref name="member"/>.</summary>
    public TaskDataException(string task, string member, string message)
        : base($"Task '{task}': {member}: {message}")
    {
        Task = task;
        Member = member;
    }

    /// <summary>The task (or input) the offending value belongs to.</summary>
    public string Task { get; }

    /// <summary>The member that holds the offending value, for example <c>Targets.Shape</c>.</summary>
    public string Member { get; }
}
