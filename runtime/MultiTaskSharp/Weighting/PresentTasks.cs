using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// The tasks a training step's batch labelled, as a gradient-based method sees them: their gradients, Gram matrix
/// and losses, restricted to the present tasks and in the order of <see cref="Indices"/>. Each is computed on first use.
/// </summary>
public sealed class PresentTasks
{
    private readonly int[] _indices;
    private double[,]? _gram;
    private GramMatrix? _gramMatrix;
    private Tensor? _matrix;
    private double[]? _losses;

    internal PresentTasks(TaskGradients all, TrainingStep step)
    {
        All = all;
        Step = step;
        _indices = Enumerable.Range(0, all.Present.Count).Where(t => all.Present[t]).ToArray();
    }

    /// <summary>The number of present tasks.</summary>
    public int Count => _indices.Length;

    /// <summary>The number of the model's tasks (present or not).</summary>
    public int TaskCount => All.Present.Count;

    /// <summary>Each present task's index among the model's tasks.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>The present tasks' names.</summary>
    public IReadOnlyList<string> Names => _indices.Select(t => Step.TaskNames[t]).ToArray();

    /// <summary>The present tasks' Gram matrix <c>M_ij = g_i·g_j</c> [P, P] (host, double; one copy from the device).</summary>
    public double[,] Gram
    {
        get
        {
            if (_gram is not null)
                return _gram;
            var full = All.Gram();
            var gram = new double[_indices.Length, _indices.Length];
            for (int i = 0; i < _indices.Length; i++)
                for (int j = 0; j < _indices.Length; j++)
                    gram[i, j] = full[_indices[i], _indices[j]];
            return _gram = gram;
        }
    }

    /// <summary>The Gram matrix with the solvers' checks and helpers.</summary>
    internal GramMatrix GramMatrix => _gramMatrix ??= new GramMatrix(Gram);

    /// <summary>The present tasks' gradients, one row each [P, D], on the device.</summary>
    public Tensor Matrix => _matrix ??= _indices.Length == TaskCount ? All.Matrix
        : All.Matrix.index_select(0, tensor(_indices.Select(i => (long)i).ToArray(), device: All.Matrix.device));

    /// <summary>The present tasks' losses (host, one copy from the device).</summary>
    public IReadOnlyList<double> Losses()
    {
        if (_losses is not null)
            return _losses;
        using var scope = NewDisposeScope();
        var all = HostReads.Values(Step.LossValues());
        return _losses = _indices.Select(t => all[t]).ToArray();
    }

    /// <summary>The present tasks' losses as a float64 vector [P] on the device.</summary>
    public Tensor LossValues()
        => _indices.Length == TaskCount ? Step.LossValues()
            : Step.LossValues().index_select(0, tensor(_indices.Select(i => (long)i).ToArray(), device: Step.LossValues().device));

    /// <summary>Every gradient of the step, all tasks (rows of absent tasks are zero).</summary>
    public TaskGradients All { get; }

    /// <summary>The training step.</summary>
    public TrainingStep Step { get; }

    /// <summary>Values of the present tasks spread back to all tasks (0 for the absent ones).</summary>
    public double[] Expand(ReadOnlySpan<double> values)
    {
        if (values.Length != _indices.Length)
            throw new ArgumentException($"Expected {_indices.Length} values (one per present task) but got {values.Length}.", nameof(values));
        var all = new double[TaskCount];
        for (int i = 0; i < _indices.Length; i++)
            all[_indices[i]] = values[i];
        return all;
    }

    /// <summary>The present tasks' entries of a vector over all tasks.</summary>
    public double[] Select(IReadOnlyList<double> all) => _indices.Select(t => all[t]).ToArray();
}
