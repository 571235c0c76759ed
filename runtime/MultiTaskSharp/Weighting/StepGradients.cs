using System.Collections.Generic;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// The gradients of one training step of a gradient-based strategy, given to <see cref="GradientWeighting.GradientObserver"/>.
/// The tensors are valid only during the call.
/// </summary>
/// <param name="TaskNames">The model's tasks, in declaration order (the rows of <paramref name="PerTask"/>).</param>
/// <param name="Source">With respect to what the gradients were taken.</param>
/// <param name="PerTask">Every task's gradient [T, D] (flattened shared parameters or representation; rows of absent tasks are zero).</param>
/// <param name="Combined">The direction the shared part was given [D] (before any clipping).</param>
/// <param name="Coefficients">Each task's coefficient in <paramref name="Combined"/> (the weights reported for it).</param>
public sealed record StepGradients(IReadOnlyList<string> TaskNames, GradientSource Source, torch.Tensor PerTask, torch.Tensor Combined, IReadOnlyList<double> Coefficients);
