using System;

namespace MultiTaskSharp;

/// <summary>
/// Turns on the task-relationship report of <c>Fit</c> (<see cref="FitOptions.Relationships"/>). Every
/// <see cref="Every"/> steps it measures each task's gradient on the shared parameters from the step's forward graph
/// (one extra backward pass per task) and, with <see cref="Lookahead"/>, how a step on one task alone would change
/// every task's loss (one extra forward pass per task). Measuring changes nothing: parameters, batch-norm statistics
/// and the random generator are restored.
/// </summary>
public sealed record RelationshipOptions
{
    /// <summary>Measure every this many steps (default 10).</summary>
    public int Every { get; init; } = 10;

    /// <summary>Also estimate the lookahead task affinity (Fifty et al., NeurIPS 2021; default true).</summary>
    public bool Lookahead { get; init; } = true;

    internal void Validate()
    {
        if (Every < 1)
            throw new ArgumentOutOfRangeException(nameof(Every), Every, "Every must be at least 1 step.");
    }
}
