using System;
using System.Collections.Generic;
using MultiTaskSharp.Generated;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// One training step as a weighting strategy sees it: the unweighted task losses of one forward pass, which tasks
/// the batch labelled, the model's parameters grouped into shared and task-specific, and the means to take per-task
/// gradients (once), run the backward pass, or evaluate the losses again after the update.
/// </summary>
public sealed class TrainingStep
{
    private readonly RepresentationCapture _capture;
    private readonly Func<torch.Tensor[]> _reevaluate;
    private readonly bool _hasRepresentation;
    private TaskGradients? _gradients;

    /// <summary>
    /// Describes one step. The training loop creates it; it is public so that a strategy can be exercised on a
    /// hand-made step (known losses and gradients) without a model.
    /// </summary>
    /// <param name="tasks">The task names, in declaration order.</param>
    /// <param name="losses">Every task's unweighted loss, a scalar on the device (0 without gradient for an absent task).</param>
    /// <param name="present">Which tasks the batch labelled.</param>
    /// <param name="parameters">The model's parameters, shared and per task.</param>
    /// <param name="capture">The shared representations of the forward pass (<see cref="RepresentationCapture.None"/> when not captured).</param>
    /// <param name="hasRepresentation">Whether the architecture offers a shared representation at all (for error messages).</param>
    /// <param name="epoch">The epoch the step belongs to (from 1), or 0 when unknown.</param>
    /// <param name="reevaluate">Evaluates the same batch's task losses again, without gradients (<see cref="EvaluateLossesAgain"/>).</param>
    public TrainingStep(IReadOnlyList<string> tasks, torch.Tensor[] losses, bool[] present, ParameterLayout parameters,
        RepresentationCapture capture, bool hasRepresentation, int epoch, Func<torch.Tensor[]> reevaluate)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(reevaluate);
        if (losses.Length != tasks.Count || present.Length != tasks.Count || parameters.Tasks.Count != tasks.Count)
            throw new ArgumentException(
                $"A step over {tasks.Count} task(s) needs one loss, one presence flag and one parameter group per task, but got {losses.Length}, {present.Length} and {parameters.Tasks.Count}.");
        TaskNames = tasks;
        Losses = losses;
        Present = present;
        Parameters = parameters;
        _capture = capture;
        _hasRepresentation = hasRepresentation;
        Epoch = epoch;
        _reevaluate = reevaluate;
    }

    /// <summary>The task names, in declaration order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>Every task's unweighted loss (a scalar on the device); 0, with no gradient, for a task the batch did not label.</summary>
    public IReadOnlyList<torch.Tensor> Losses { get; }

    /// <summary>Which tasks the batch labelled (at least one present target entry).</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>The model's parameters: shared, and each task's own.</summary>
    public ParameterLayout Parameters { get; }

    /// <summary>The epoch the step belongs to (from 1), or 0 when the caller did not say.</summary>
    public int Epoch { get; }

    /// <summary>
    /// Every present task's gradient with respect to the shared parameters or representation. Taken once per step
    /// (later calls return the same), after which each task's own parameters hold that task's gradient.
    /// </summary>
    public TaskGradients Gradients(GradientSource source)
    {
        if (_gradients is not null)
        {
            if (_gradients.Source != source)
                throw new InvalidOperationException($"This step's task gradients were taken with respect to {_gradients.Source}, not {source}.");
            return _gradients;
        }
        if (source == GradientSource.Representation && !_capture.Enabled)
        {
            throw new InvalidOperationException(_hasRepresentation
                ? "Representation gradients were not requested for this step: set the strategy's Gradients before the step."
                : "This model's architecture has no shared representation to take gradients at; use GradientSource.Parameters.");
        }
        return _gradients = TaskGradients.Compute(source, Losses, Present, Parameters, _capture, Group);
    }

    /// <summary>Backpropagates <paramref name="total"/> (nothing to do when no task contributed a gradient).</summary>
    public void Backward(torch.Tensor total)
    {
        if (total.requires_grad)
            total.backward();
    }

    /// <summary>The processes of a data-parallel step (task gradients are reduced over them), or null.</summary>
    internal ProcessGroup? Group { get; init; }

    /// <summary>The task losses of the same batch with the current (updated) parameters, without gradients.</summary>
    /// <remarks>An extra forward pass: FAMO's update needs it, and nothing else should call it.</remarks>
    public torch.Tensor[] EvaluateLossesAgain() => _reevaluate();
}
