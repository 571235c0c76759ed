using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The checks of an evaluation pass, kept on the device and read once at the end: every batch's inputs finite, labels
/// in range and losses finite. An evaluation over no batch is an error, never a perfect score.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EvaluationChecks : IDisposable
{
    private readonly List<Tensor> _healthy = new();
    private readonly List<string> _tasks = new();

    /// <summary>Adds one batch's pass.</summary>
    public void Add(StepPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (_tasks.Count == 0)
            _tasks.AddRange(pass.Tasks.Select(t => t.Spec.Task));
        // Outlives the batch's dispose scope; disposed with the checks.
        _healthy.Add(BatchChecks.Healthy(pass).DetachFromDisposeScope());
    }

    /// <summary>Throws when no batch was evaluated, or when a batch failed a check (naming the first such batch).</summary>
    public void ThrowIfInvalid()
    {
        if (_healthy.Count == 0)
            throw new InvalidOperationException("Evaluate received no batches: there is nothing to score (an empty source would otherwise look like a perfect score).");
        bool[] healthy;
        using (var scope = NewDisposeScope())
        {
            HostReads.Add();
            healthy = stack(_healthy).cpu().data<bool>().ToArray();
        }
        int bad = Array.IndexOf(healthy, false);
        if (bad >= 0)
            throw new TaskDataException("Batch", $"evaluation batch {bad + 1}",
                "has a non-finite input or target, a class label out of range, or a non-finite loss; "
                + "run TrainStep or Fit on the same data to have the exact value named.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var flag in _healthy)
            flag.Dispose();
        _healthy.Clear();
    }
}
