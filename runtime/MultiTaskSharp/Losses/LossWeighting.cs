using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Turns the unweighted task losses into the weighted terms whose sum is the total loss.
/// The generated model calls it once per step with the losses in declaration order, so a
/// weighting strategy (fixed, learned, adaptive per epoch) is a swap, not a rewrite of the model.
/// </summary>
/// <remarks>
/// A strategy with learnable state is a module: the model registers it as the submodule
/// <c>loss_weighting</c> so that its parameters reach the optimizer and checkpoints.
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

    /// <summary>
    /// Returns one weighted term per task, in the order of <paramref name="losses"/>;
    /// the total loss is their sum.
    /// </summary>
    public abstract torch.Tensor[] Weigh(ReadOnlySpan<torch.Tensor> losses);
}
