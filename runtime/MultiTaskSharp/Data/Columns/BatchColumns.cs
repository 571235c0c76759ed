using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Named tensors to assemble a batch from: one per input and one per task's target, each with the examples along
/// its first dimension. The generated <c>Batch.FromColumns</c> reads it; a missing tensor is an error naming the
/// input or task, unless the declaration allows it to be absent.
/// </summary>
public sealed class BatchColumns
{
    private readonly IReadOnlyDictionary<string, torch.Tensor> _inputs;
    private readonly IReadOnlyDictionary<string, torch.Tensor> _targets;

    /// <param name="inputs">Tensors by input name.</param>
    /// <param name="targets">Tensors by task name; leave a task out when the batch does not label it.</param>
    public BatchColumns(IReadOnlyDictionary<string, torch.Tensor> inputs, IReadOnlyDictionary<string, torch.Tensor> targets)
    {
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
    }

    /// <summary>The tensor of input <paramref name="name"/>; it must be present.</summary>
    public torch.Tensor Input(string name)
        => OptionalInput(name) ?? throw new TaskDataException(name, "Batch.Input", "no tensor was given for this input.", isInput: true);

    /// <summary>The tensor of input <paramref name="name"/>, or null when the batch lacks it.</summary>
    public torch.Tensor? OptionalInput(string name) => _inputs.TryGetValue(name, out var value) ? value : null;

    /// <summary>The target of task <paramref name="task"/>; it must be present.</summary>
    public torch.Tensor Target(string task)
        => OptionalTarget(task) ?? throw new TaskDataException(task, "Targets." + task, "no target was given for this task, and the task does not allow missing labels.");

    /// <summary>The target of task <paramref name="task"/>, or null when the batch does not label it.</summary>
    public torch.Tensor? OptionalTarget(string task) => _targets.TryGetValue(task, out var value) ? value : null;
}
