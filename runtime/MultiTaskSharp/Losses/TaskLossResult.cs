using System.ComponentModel;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>
/// How the generated code asks for one task's loss: the task, the member its target comes from, the built-in loss and
/// whether targets may be missing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct TaskLossSpec(string Task, string Member, LossKind Loss, bool AllowMissing = false);

/// <summary>
/// One task's loss in a training or evaluation pass, with what the step needs to check it without reading values
/// to the host: whether the target's labels are valid, and how many entries were present.
/// </summary>
/// <param name="Spec">The task and loss.</param>
/// <param name="Loss">The unweighted loss: the mean over present entries (0, with no gradient, when none is).</param>
/// <param name="Valid">A boolean scalar on the device, false when a class label is out of range; null when nothing to check.</param>
/// <param name="PresentCount">The number of present loss entries as a scalar on the device; null when every entry is present.</param>
/// <param name="Entries">The number of loss entries when every one is present (examples × entries per example).</param>
/// <param name="Prediction">The head's output (for diagnosing a failed check).</param>
/// <param name="Target">The target (null when missing for the whole batch).</param>
/// <param name="Mask">The explicit presence mask, if any.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct TaskLossResult(
    TaskLossSpec Spec,
    torch.Tensor Loss,
    torch.Tensor? Valid,
    torch.Tensor? PresentCount,
    long Entries,
    torch.Tensor? Prediction,
    torch.Tensor? Target,
    torch.Tensor? Mask);
