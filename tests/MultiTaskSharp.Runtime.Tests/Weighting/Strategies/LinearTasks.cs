using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>
/// A hand-made multi-task problem with known gradients, for checking one update of a strategy without a model:
/// a shared parameter p (float64, starting at 0) and one own parameter h_t per task, with linear losses
/// <c>L_t = g_t·p + k_t·h_t + c_t</c>. At p = 0, h = 0 the losses are the constants c_t, the gradient with respect to
/// p is exactly g_t and that with respect to h_t is k_t. <see cref="Step"/> builds a <see cref="TrainingStep"/> of these
/// losses; after a strategy's backward pass, <see cref="SharedGradient"/> is the direction it wrote.
/// </summary>
public sealed class LinearTasks : nn.Module
{
    private double[][] _gradients;
    private readonly double[] _ownGradients;
    private readonly string[] _tasks;

    public LinearTasks(double[][] gradients, double[]? ownGradients = null) : base(nameof(LinearTasks))
    {
        _gradients = gradients;
        _ownGradients = ownGradients ?? Enumerable.Repeat(1.0, gradients.Length).ToArray();
        _tasks = Enumerable.Range(0, gradients.Length).Select(t => $"T{t}").ToArray();
        Shared = nn.Parameter(zeros(gradients[0].Length, dtype: ScalarType.Float64));
        register_parameter("shared", Shared);
        Own = new Parameter[gradients.Length];
        for (int t = 0; t < Own.Length; t++)
        {
            Own[t] = nn.Parameter(zeros(1, dtype: ScalarType.Float64));
            register_parameter($"own{t}", Own[t]);
        }
    }

    public Parameter Shared { get; }

    public Parameter[] Own { get; }

    public IReadOnlyList<string> Tasks => _tasks;

    /// <summary>Replaces the task gradients g_t for the following steps.</summary>
    public void SetGradients(double[][] gradients) => _gradients = gradients;

    /// <summary>Makes <paramref name="strategy"/> this problem's strategy, as a generated model's setter does.</summary>
    public T Attach<T>(T strategy, double[]? declaredWeights = null) where T : LossWeighting
        => (T)LossWeighting.Attach(this, null, strategy, _tasks, declaredWeights);

    /// <summary>The losses <c>L_t = g_t·p + k_t·h_t + c_t</c> with c_t = <paramref name="values"/>, as a training step.</summary>
    public TrainingStep Step(double[] values, bool[]? present = null, int epoch = 0, Func<Tensor[]>? reevaluate = null)
    {
        present ??= Enumerable.Repeat(true, _tasks.Length).ToArray();
        foreach (var parameter in parameters())
            parameter.grad = null;
        var losses = new Tensor[_tasks.Length];
        for (int t = 0; t < losses.Length; t++)
        {
            losses[t] = present[t]
                ? tensor(_gradients[t], dtype: ScalarType.Float64).dot(Shared) + Own[t].sum() * _ownGradients[t] + values[t]
                : zeros([], dtype: ScalarType.Float64);
        }
        var layout = new ParameterLayout([Shared], Own.Select(p => (IReadOnlyList<Parameter>)new[] { p }).ToArray());
        return new TrainingStep(_tasks, losses, present, layout, RepresentationCapture.None, hasRepresentation: false, epoch,
            reevaluate ?? (() => throw new InvalidOperationException("This step has no re-evaluation.")));
    }

    /// <summary>The gradient the backward pass left on the shared parameter.</summary>
    public double[] SharedGradient() => Shared.grad!.data<double>().ToArray();

    /// <summary>The gradient the backward pass left on task <paramref name="task"/>'s own parameter.</summary>
    public double OwnGradient(int task) => Own[task].grad is { } grad ? grad.item<double>() : 0.0;
}
