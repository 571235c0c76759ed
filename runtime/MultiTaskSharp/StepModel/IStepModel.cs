using System.Collections.Generic;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;

namespace MultiTaskSharp.Generated;

/// <summary>
/// What the training step needs from a generated model, beyond its public API. The generated code implements it
/// explicitly; <see cref="TrainingSteps"/> drives it, so the orchestration (guards, strategies, gradients) lives in one
/// tested place and the generated code stays a typed description of the model.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStepModel<TBatch>
{
    /// <summary>The model as a module (for parameters, training mode, devices).</summary>
    torch.nn.Module Module { get; }

    /// <summary>The task names, in declaration order.</summary>
    IReadOnlyList<string> Tasks { get; }

    /// <summary>The model's strategy.</summary>
    LossWeighting Weighting { get; }

    /// <summary>Whether the architecture offers gradients at a shared representation.</summary>
    bool HasRepresentation { get; }

    /// <summary>The forward pass and every task's loss on <paramref name="batch"/>; shared representations go through <paramref name="capture"/>.</summary>
    StepPass RunPass(TBatch batch, RepresentationCapture capture);

    /// <summary>The model's current parameters, grouped into shared and task-specific.</summary>
    ParameterLayout Parameters();
}

/// <summary>A penalty term of the total loss (soft sharing), its unweighted value and its weight.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct PenaltyTerm(string Name, torch.Tensor Value, double Weight);

/// <summary>A model input as a batch supplies it, for the finiteness check and its error message.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct InputValue(string Input, string Member, torch.Tensor? Value);

/// <summary>What one forward pass over a batch produced, before any backward pass.</summary>
/// <param name="Tasks">Every task's loss with its checks, in declaration order.</param>
/// <param name="Penalties">The soft-sharing penalties, if any.</param>
/// <param name="Inputs">The batch's inputs.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record StepPass(TaskLossResult[] Tasks, PenaltyTerm[] Penalties, InputValue[] Inputs);
