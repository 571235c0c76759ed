using System;
using System.IO;

namespace MultiTaskSharp;

/// <summary>Data-parallel <c>Fit</c>'s bookkeeping around the loop: sharing the checkpoint to resume, describing a failure.</summary>
internal static class DataParallelFitSupport
{
    /// <summary>
    /// Process 0's checkpoint file, on every process: process 0 keeps <paramref name="path"/>, the others get a local copy
    /// of its bytes (so resuming works whether or not the file system is shared, and on any number of processes: the
    /// checkpoint holds one model, not one per process).
    /// </summary>
    public static string Share(ProcessGroup group, string path)
    {
        byte[]? bytes = null;
        if (group.IsRoot)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Checkpoint '{path}' does not exist (process 0 resumes from it and sends it to the others).", path);
            bytes = File.ReadAllBytes(path);
        }
        bytes = group.Broadcast(bytes);
        if (group.IsRoot)
            return path;
        var copy = Path.Combine(Path.GetTempPath(), $"multitasksharp-resume-{Environment.ProcessId}-{Guid.NewGuid():N}.checkpoint");
        File.WriteAllBytes(copy, bytes);
        return copy;
    }

    /// <summary>
    /// Whether a callback writes files, logs or reports (<see cref="IRootOnlyCallback"/>: checkpoints, TensorBoard,
    /// plots, the logger, progress; the onEpoch and progress arguments are dropped before): in data-parallel training
    /// only process 0 runs those. Schedulers, early stopping and the user's other callbacks run on every process (they
    /// see <c>FitContext.IsRoot</c>). A marker interface rather than a list of types, so a callback in another package
    /// (PlotCallback in MultiTaskSharp.Plotting) or the user's own can say so.
    /// </summary>
    public static bool WritesOutput(IFitCallback callback) => callback is IRootOnlyCallback;

    /// <summary>What a process prints before it stops the group: which process failed, and why.</summary>
    public static string Describe(ProcessGroup group, Exception error)
        => $"Data-parallel training stopped on process {group.Rank} of {group.Size} (stopping every process): {error}";
}
