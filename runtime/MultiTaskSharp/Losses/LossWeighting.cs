using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Combines the unweighted task losses into weighted terms and a total. The generated model calls
/// it once per step with the losses in declaration order, so a weighting strategy (fixed, learned,
/// adaptive per epoch) is a swap of this object, not a rewrite of the model.
/// </summary>
/// <remarks>
/// A strategy is a module so that one with learnable state (uncertainty weighting's log-variances)
/// can expose parameters to the optimizer and to checkpoints.
/// </remarks>
public abstract class LossWeighting : torch.nn.Module
{
    /// <summary>Creates a strategy for <paramref name="taskCount"/> tasks.</summary>
    protected LossWeighting(string name, int taskCount) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        TaskCount = taskCount;
    }

    /// <summary>The number of tasks the strategy weighs.</summary>
    public int TaskCount { get; }

    /// <summary>Weighs <paramref name="losses"/> (declaration order) into one term per task and their total.</summary>
    public abstract WeightedLosses Combine(ReadOnlySpan<torch.Tensor> losses);

    /// <summary>The sum of <paramref name="terms"/>.</summary>
    protected static torch.Tensor Sum(torch.Tensor[] terms)
    {
        var total = terms[0];
        for (int i = 1; i < terms.Length; i++)
            total = total + terms[i];
        return total;
    }

    /// <summary>Throws unless <paramref name="weighting"/> weighs exactly the model's tasks.</summary>
    public static LossWeighting CheckFits(LossWeighting weighting, IReadOnlyList<string> taskNames)
    {
        ArgumentNullException.ThrowIfNull(weighting);
        if (weighting.TaskCount != taskNames.Count)
            throw new ArgumentException(
                $"The loss weighting weighs {weighting.TaskCount} task(s) but the model has {taskNames.Count}: {string.Join(", ", taskNames)}.",
                nameof(weighting));
        return weighting;
    }
}

/// <summary>The weighted term of every task (declaration order) and the total loss.</summary>
public readonly record struct WeightedLosses(torch.Tensor Total, torch.Tensor[] Terms);
