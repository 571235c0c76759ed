using System;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>The submodule name under which a learnable strategy is registered with its model.</summary>
    public const string SubmoduleName = "loss_weighting";

    /// <summary>
    /// Checks that <paramref name="weighting"/> fits the model's tasks and, when it has learnable
    /// parameters, registers it with <paramref name="model"/> as <see cref="SubmoduleName"/> so that
    /// <c>parameters()</c>, <c>state_dict()</c> and checkpoints include them. TorchSharp cannot
    /// unregister a submodule, so a learnable strategy can be attached once; attach it before
    /// creating the optimizer.
    /// </summary>
    public static LossWeighting Attach(torch.nn.Module model, LossWeighting weighting, IReadOnlyList<string> taskNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckFits(weighting, taskNames);
        if (!weighting.parameters().Any())
            return weighting;
        foreach (var (name, _) in model.named_children())
        {
            if (name == SubmoduleName)
                throw new InvalidOperationException(
                    $"Model '{model.GetName()}' already has a learnable loss weighting; attach one once, before creating the optimizer.");
        }
        model.register_module(SubmoduleName, weighting);
        return weighting;
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
