using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// One training step as a weighting strategy sees it: the unweighted task losses of one forward pass, which tasks
/// the batch labelled, the model's parameters grouped into shared and task-specific, and the means to take per-task
/// gradients (once), run the backward pass, or evaluate the losses again after the update.
/// </summary>
/// <remarks>
/// The one place where a step's strategy inputs are assembled: <see cref="LossValues"/> (the task-loss vector every
/// loss-based method reads) and <see cref="Gradients"/> (the per-task gradient matrix, or the representation
/// gradients' Gram matrix). Both pass through the step's <see cref="IStepReduction"/> before any strategy sees them,
/// so data-parallel training can all-reduce them.
/// </remarks>
public sealed class TrainingStep
{
    private readonly RepresentationCapture _capture;
    private readonly Func<torch.Tensor[]> _reevaluate;
    private readonly bool _hasRepresentation;
    private readonly IStepReduction _reduction;
    private TaskGradients? _gradients;
    private Tensor? _lossValues;
    private Tensor? _entries;
    private readonly bool[] _localPresent;

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
        _reduction = StepReduction.Current;
        _localPresent = present.ToArray();
        TaskNames = tasks;
        Losses = losses;
        Present = ReferenceEquals(_reduction, StepReduction.None) ? present : CheckedPresence(_reduction.ReducePresence(present.ToArray()), tasks.Count);
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

    /// <summary>Which tasks the batch labelled (at least one present target entry; in distributed training, any process's batch).</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>The model's parameters: shared, and each task's own.</summary>
    public ParameterLayout Parameters { get; }

    /// <summary>The epoch the step belongs to (from 1), or 0 when the caller did not say.</summary>
    public int Epoch { get; }

    /// <summary>
    /// The number of labelled entries each task's loss is a mean over, [T] float64 on the device (hidden: set by the
    /// training loop for <see cref="IStepReduction"/>; 1 for a present task and 0 for an absent one when not set).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Tensor? Entries { get => _entries; init => _entries = value; }

    /// <summary>
    /// Every task's loss as one detached float64 vector [T] on the device (0 for an absent task), computed once per
    /// step; what loss-based methods read. In distributed training, the losses of the whole distributed batch.
    /// </summary>
    public Tensor LossValues()
    {
        if (_lossValues is not null)
            return _lossValues;
        var values = stack(Losses.Select(l => l.detach().reshape([]).to_type(ScalarType.Float64)).ToArray());
        if (!ReferenceEquals(_reduction, StepReduction.None))
            _reduction.ReduceLosses(values, EntryCounts(values.device));
        return _lossValues = values;
    }

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
        _gradients = TaskGradients.Compute(source, Losses, Present, Parameters, _capture, Group);
        if (!ReferenceEquals(_reduction, StepReduction.None))
            _gradients.Reduce(_reduction, EntryCounts(_gradients.Matrix.device));
        return _gradients;
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
    public torch.Tensor[] EvaluateLossesAgain()
    {
        var again = _reevaluate();
        if (ReferenceEquals(_reduction, StepReduction.None))
            return again;
        var values = stack(again.Select(l => l.detach().reshape([]).to_type(ScalarType.Float64)).ToArray());
        _reduction.ReduceLosses(values, EntryCounts(values.device));
        return values.unbind(0);
    }

    /// <summary>
    /// The same step with other task losses (IMTL's scaled losses): the same batch, parameters, representation,
    /// presence and reduction; gradients not yet taken.
    /// </summary>
    internal TrainingStep WithLosses(torch.Tensor[] losses)
        => new(TaskNames, losses, _localPresent, Parameters, _capture, _hasRepresentation, Epoch, _reevaluate, _reduction, Present)
        {
            Entries = _entries,
            Group = Group,
        };

    private TrainingStep(IReadOnlyList<string> tasks, torch.Tensor[] losses, bool[] localPresent, ParameterLayout parameters,
        RepresentationCapture capture, bool hasRepresentation, int epoch, Func<torch.Tensor[]> reevaluate, IStepReduction reduction, IReadOnlyList<bool> present)
    {
        TaskNames = tasks;
        Losses = losses;
        _localPresent = localPresent;
        Present = present;
        Parameters = parameters;
        _capture = capture;
        _hasRepresentation = hasRepresentation;
        Epoch = epoch;
        _reevaluate = reevaluate;
        _reduction = reduction;
    }

    private Tensor EntryCounts(Device device)
        => (_entries?.to_type(ScalarType.Float64) ?? tensor(_localPresent.Select(p => p ? 1.0 : 0.0).ToArray(), dtype: ScalarType.Float64)).to(device).clone();

    private static bool[] CheckedPresence(bool[] reduced, int count)
        => reduced is not null && reduced.Length == count ? reduced
            : throw new InvalidOperationException($"The step reduction returned {reduced?.Length ?? 0} presence flag(s) for {count} task(s).");
}
