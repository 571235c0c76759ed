using TorchSharp;

namespace MultiTaskSharp;

/// <summary>One task's loss in a forward pass, before and after weighting.</summary>
/// <param name="Unweighted">The loss as the task's loss function computes it.</param>
/// <param name="Weighted">Its term in the total, as the model's <see cref="LossWeighting"/> makes it.</param>
public readonly record struct TaskLoss(torch.Tensor Unweighted, torch.Tensor Weighted);
