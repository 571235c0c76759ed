namespace MultiTaskSharp;

/// <summary>
/// What is wrong with a batch: the task or input at fault, the member holding the bad value, and why. Users see it
/// when a batch is skipped (<see cref="TrainStepOptions.SkipInvalidBatches"/>) through <see cref="FitBatch.Problem"/>,
/// so it is public and browsable, unlike the checks that produce it.
/// </summary>
public sealed record BatchProblem(string Task, string Member, string Message, bool IsInput = false);
