namespace MultiTaskSharp;

/// <summary>
/// What is wrong with a batch: the task or input at fault, the member holding the bad value, and why. Public because
/// fit callbacks see it (<see cref="FitBatch.Problem"/> of a skipped batch).
/// </summary>
/// <param name="Task">The task (or input) at fault.</param>
/// <param name="Member">The batch member holding the bad value, such as <c>Targets.Kind</c>.</param>
/// <param name="Message">What is wrong, with the offending value.</param>
/// <param name="IsInput">Whether <paramref name="Task"/> names an input rather than a task.</param>
public sealed record BatchProblem(string Task, string Member, string Message, bool IsInput = false);
