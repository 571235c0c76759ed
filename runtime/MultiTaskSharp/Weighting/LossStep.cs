using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// A step as a loss-based strategy's <see cref="LossWeighting.Weigh"/> sees it: the task losses, which tasks are
/// present, and (in training) the step itself.
/// </summary>
public sealed class LossStep
{
    private readonly Tensor[] _losses;
    private Tensor? _values;

    internal LossStep(IReadOnlyList<string> tasks, Tensor[] losses, IReadOnlyList<bool> present, TrainingStep? training)
    {
        TaskNames = tasks;
        _losses = losses;
        Present = present;
        Training = training;
    }

    /// <summary>The task names, in declaration order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>Every task's unweighted loss, attached to the graph (the base class forms the weighted sum from these).</summary>
    public IReadOnlyList<Tensor> Losses => _losses;

    /// <summary>Which tasks the batch labelled (all, outside training).</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>Whether this is a training step (state may advance) rather than a report or an evaluation.</summary>
    public bool IsTraining => Training is not null;

    /// <summary>The training step, or null outside training.</summary>
    public TrainingStep? Training { get; }

    /// <summary>The epoch of the training step (from 1), or 0 when unknown or outside training.</summary>
    public int Epoch => Training?.Epoch ?? 0;

    /// <summary>
    /// The task losses as one detached float64 vector [T] on the device, the values every loss-based method reads.
    /// In training this is <see cref="TrainingStep.LossValues"/> (reduced across processes when training is
    /// distributed); outside training, the given losses.
    /// </summary>
    public Tensor Values => _values ??= Training?.LossValues() ?? stack(_losses.Select(l => l.detach().reshape([]).to_type(ScalarType.Float64)).ToArray());

    /// <summary>1 for a present task and 0 for an absent one, as a vector like <paramref name="like"/>, or null when all are present.</summary>
    public Tensor? PresenceMask(Tensor like)
        => Present.All(p => p) ? null : tensor(Present.Select(p => p ? 1.0 : 0.0).ToArray(), dtype: like.dtype, device: like.device);
}
