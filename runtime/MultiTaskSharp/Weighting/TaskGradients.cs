using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Every task's gradient with respect to the shared parameters (or the shared representation), flattened into the
/// rows of one matrix on the device, computed from one forward graph (<c>autograd.grad</c> with the graph retained).
/// Each task's own parameters receive that task's gradient on the way. A strategy reads the T×T Gram matrix (one small
/// copy to the host) and returns coefficients; <see cref="Apply(ReadOnlySpan{double})"/> then writes the combined
/// direction <c>d = Σ α_t g_t</c> where the optimizer will find it.
/// </summary>
public sealed class TaskGradients
{
    private readonly GradientSource _source;
    private readonly IReadOnlyList<Tensor> _targets;         // shared parameters, or the detached representations
    private readonly IReadOnlyList<Tensor>? _representations; // the attached representations (representation mode)
    private readonly ProcessGroup? _group; // data parallelism: the processes whose batches make up the global batch
    private double[,]? _gram;

    private TaskGradients(GradientSource source, Tensor matrix, bool[] present, IReadOnlyList<Tensor> targets, IReadOnlyList<Tensor>? representations,
        ProcessGroup? group)
    {
        _group = group;
        _source = source;
        Matrix = matrix;
        Present = present;
        _targets = targets;
        _representations = representations;
    }

    /// <summary>With respect to what the gradients were taken.</summary>
    public GradientSource Source => _source;

    /// <summary>The gradients, one row per task [T, D]; rows of tasks absent from the batch are zero.</summary>
    public Tensor Matrix { get; }

    /// <summary>Which tasks had targets in the batch (absent tasks have no gradient).</summary>
    public IReadOnlyList<bool> Present { get; }

    /// <summary>The Gram matrix <c>M_ij = g_i · g_j</c> in double precision, on the host (one copy, then cached).</summary>
    public double[,] Gram()
    {
        if (_gram is not null)
            return _gram;
        using var scope = NewDisposeScope();
        HostReads.Add();
        var gram = Matrix.to_type(ScalarType.Float64).matmul(Matrix.to_type(ScalarType.Float64).t()).cpu();
        int n = (int)gram.shape[0];
        var values = gram.data<double>().ToArray();
        if (_group is not null && _source == GradientSource.Representation)
        {
            // Data parallelism, representation gradients: the global representation is the concatenation of the
            // processes' (one block of rows each), so its Gram matrix is the sum of theirs; each process's rows carry
            // the factor N of its loss share (StepExchange), hence the division by N².
            _group.AllReduce(values);
            double scale = (double)_group.Size * _group.Size;
            for (int i = 0; i < values.Length; i++)
                values[i] /= scale;
        }
        _gram = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                _gram[i, j] = values[i * n + j];
        return _gram;
    }

    /// <summary>Writes <c>d = Σ α_t g_t</c> as the shared part's gradient.</summary>
    public void Apply(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length != Matrix.shape[0])
            throw new ArgumentException($"Expected {Matrix.shape[0]} coefficients but got {coefficients.Length}.", nameof(coefficients));
        using var scope = NewDisposeScope();
        var alpha = tensor(coefficients.ToArray(), dtype: Matrix.dtype, device: Matrix.device);
        Apply(alpha.matmul(Matrix));
    }

    /// <summary>Writes <paramref name="direction"/> [D] as the shared part's gradient.</summary>
    public void Apply(Tensor direction)
    {
        using var scope = NewDisposeScope();
        var parts = Split(direction);
        if (_source == GradientSource.Parameters)
        {
            for (int i = 0; i < _targets.Count; i++)
                _targets[i].grad = parts[i].detach().clone();
        }
        else
        {
            // One backward pass through the shared layers, from the representation.
            autograd.backward(_representations!.ToList(), parts);
        }
    }

    private Tensor[] Split(Tensor direction)
    {
        var parts = new Tensor[_targets.Count];
        long offset = 0;
        for (int i = 0; i < _targets.Count; i++)
        {
            long size = _targets[i].numel();
            parts[i] = direction.narrow(0, offset, size).reshape(_targets[i].shape);
            offset += size;
        }
        return parts;
    }

    /// <summary>
    /// Computes the task gradients for one step: for each present task, one <c>autograd.grad</c> of its loss with
    /// respect to the shared part and its own parameters (the graph is retained for the next task).
    /// </summary>
    public static TaskGradients Compute(GradientSource source, IReadOnlyList<Tensor> losses, IReadOnlyList<bool> present,
        ParameterLayout layout, RepresentationCapture capture)
        => Compute(source, losses, present, layout, capture, group: null);

    /// <summary>
    /// As <see cref="Compute(GradientSource, IReadOnlyList{Tensor}, IReadOnlyList{bool}, ParameterLayout, RepresentationCapture)"/>,
    /// for one process of a data-parallel step: parameter gradients are averaged over <paramref name="group"/> (the
    /// T×D matrix: the Gram matrix of a sum is not the sum of the Gram matrices, so nothing smaller would do), and
    /// representation gradients stay local, their Gram matrix summed (T×T values) when a strategy reads it.
    /// </summary>
    internal static TaskGradients Compute(GradientSource source, IReadOnlyList<Tensor> losses, IReadOnlyList<bool> present,
        ParameterLayout layout, RepresentationCapture capture, ProcessGroup? group)
    {
        IReadOnlyList<Tensor> targets = source == GradientSource.Parameters ? layout.Shared : capture.Detached;
        if (targets.Count == 0)
            throw new InvalidOperationException(source == GradientSource.Parameters
                ? "The model has no shared parameters to take task gradients for."
                : "The forward pass captured no shared representation.");
        long width = targets.Sum(t => t.numel());
        var rows = new Tensor[losses.Count];
        int last = Enumerable.Range(0, losses.Count).LastOrDefault(t => present[t] && losses[t].requires_grad, -1);
        for (int t = 0; t < losses.Count; t++)
        {
            if (!present[t] || !losses[t].requires_grad)
            {
                rows[t] = zeros(width, dtype: targets[0].dtype, device: targets[0].device);
                continue;
            }
            var own = layout.Tasks[t];
            var inputs = targets.Concat(own.Cast<Tensor>()).ToList();
            var grads = autograd.grad([losses[t]], inputs, retain_graph: t != last, allow_unused: true);
            var flat = new Tensor[targets.Count];
            for (int i = 0; i < targets.Count; i++)
                flat[i] = IsDefined(grads[i]) ? grads[i].reshape(-1) : zeros(targets[i].numel(), dtype: targets[i].dtype, device: targets[i].device);
            rows[t] = cat(flat, 0);
            for (int i = 0; i < own.Count; i++)
            {
                var grad = grads[targets.Count + i];
                if (IsDefined(grad))
                    own[i].grad = grad.detach();
            }
        }
        var matrix = stack(rows, 0);
        if (group is not null && source == GradientSource.Parameters)
        {
            // Each process's rows carry the factor N of its loss share (StepExchange): the average is the global gradient.
            TensorCollectives.AllReduceSum(group, matrix);
            matrix.div_(group.Size);
        }
        return new TaskGradients(source, matrix, present.ToArray(), targets,
            source == GradientSource.Representation ? capture.Shared : null, group);
    }

    private static bool IsDefined(Tensor? tensor) => tensor is not null && !tensor.IsInvalid; // Handle throws on an empty tensor
}
