using System;
using System.Threading;

namespace MultiTaskSharp;

/// <summary>
/// The process group of the data-parallel run in progress, if any. <c>Fit</c> sets it for its duration; the training
/// step and the metric accumulators of evaluation read it, so the generated code does not change with parallelism.
/// </summary>
internal static class DataParallelContext
{
    private static readonly AsyncLocal<ProcessGroup?> CurrentGroup = new();

    /// <summary>The group of the run in progress, or null in a single process (and for a group of one).</summary>
    public static ProcessGroup? Current => CurrentGroup.Value;

    /// <summary>Makes <paramref name="group"/> current until the result is disposed (a group of one changes nothing).</summary>
    public static IDisposable Enter(ProcessGroup? group)
    {
        var previous = CurrentGroup.Value;
        CurrentGroup.Value = group is { Size: > 1 } ? group : null;
        return new Restore(previous);
    }

    private sealed class Restore(ProcessGroup? previous) : IDisposable
    {
        public void Dispose() => CurrentGroup.Value = previous;
    }
}
