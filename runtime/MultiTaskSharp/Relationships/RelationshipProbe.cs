using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Measures task relationships on one training step without changing it, in two parts: per-task gradients on the
/// shared parameters from the step's retained forward graph (before the backward pass), and, once the backward pass has
/// released the graph (before the optimizer step), the lookahead affinity of Fifty et al. (NeurIPS 2021, "Efficiently
/// Identifying Task Groupings for Multi-Task Learning"): for each task i, the shared parameters take an SGD step of
/// the optimizer's learning rate along g_i alone, every task's loss is evaluated on the same batch without gradients,
/// and everything is put back (parameters, buffers and the random generator).
/// </summary>
internal static class RelationshipProbe
{
    /// <summary>The gradients of a measured step, held until the lookahead (in the step's dispose scope).</summary>
    public sealed record Gradients(IReadOnlyList<TorchSharp.Modules.Parameter> Shared, Tensor[] Rows, RelationshipSample Sample);

    public static Gradients? MeasureGradients(StepPass pass, ParameterLayout parameters, bool[] present)
    {
        var shared = parameters.Shared;
        if (shared.Count == 0)
            return null;
        int tasks = pass.Tasks.Length;
        var rows = new Tensor[tasks];
        for (int t = 0; t < tasks; t++)
        {
            var loss = pass.Tasks[t].Loss;
            if (!present[t] || !loss.requires_grad)
            {
                rows[t] = zeros(shared.Sum(p => p.numel()), dtype: shared[0].dtype, device: shared[0].device);
                continue;
            }
            var grads = autograd.grad([loss], shared.Cast<Tensor>().ToList(), retain_graph: true, allow_unused: true);
            rows[t] = cat(grads.Select((g, i) => g is not null && g.Handle != IntPtr.Zero ? g.reshape(-1) : zeros(shared[i].numel(), dtype: shared[i].dtype, device: shared[i].device)).ToArray());
        }
        var matrix = stack(rows);
        var gram = Read(matrix.to_type(ScalarType.Float64).matmul(matrix.to_type(ScalarType.Float64).t()), tasks);
        var norms = Enumerable.Range(0, tasks).Select(t => Math.Sqrt(Math.Max(0, gram[t, t]))).ToArray();
        var cosines = new double[tasks, tasks];
        for (int i = 0; i < tasks; i++)
            for (int j = 0; j < tasks; j++)
                cosines[i, j] = norms[i] > 0 && norms[j] > 0 ? gram[i, j] / (norms[i] * norms[j]) : double.NaN;
        return new Gradients(shared, rows, new RelationshipSample(present.ToArray(), norms, cosines, null));
    }

    /// <summary>Adds the lookahead affinity to a measurement; call after the backward pass, before the optimizer step.</summary>
    public static RelationshipSample Lookahead<TBatch>(IStepModel<TBatch> model, TBatch batch, StepPass pass, Gradients gradients, double learningRate)
        where TBatch : class, IBatch<TBatch>
    {
        var (shared, rows, sample) = gradients;
        var present = sample.Present;
        int tasks = rows.Length;
        var before = HostReads.Values(stack(pass.Tasks.Select(t => t.Loss.detach().to_type(ScalarType.Float64)).ToArray()));
        var affinity = new double[tasks, tasks];
        var saved = shared.Select(p => p.detach().clone()).ToArray();
        var buffers = model.Module.buffers().Select(b => (Buffer: b, Copy: b.clone())).ToList();
        using var random = torch.random.get_rng_state();
        try
        {
            for (int i = 0; i < tasks; i++)
            {
                if (!present[i])
                {
                    for (int j = 0; j < tasks; j++)
                        affinity[i, j] = double.NaN;
                    continue;
                }
                using (no_grad())
                {
                    long offset = 0;
                    foreach (var parameter in shared)
                    {
                        long size = parameter.numel();
                        parameter.sub_(rows[i].narrow(0, offset, size).reshape(parameter.shape) * learningRate);
                        offset += size;
                    }
                    var after = HostReads.Values(stack(model.RunPass(batch, RepresentationCapture.None).Tasks.Select(t => t.Loss.to_type(ScalarType.Float64)).ToArray()));
                    for (int j = 0; j < tasks; j++)
                        affinity[i, j] = present[j] && before[j] != 0 ? 1 - after[j] / before[j] : double.NaN;
                    for (int p = 0; p < shared.Count; p++)
                        shared[p].copy_(saved[p]);
                    foreach (var (buffer, copy) in buffers)
                        buffer.copy_(copy);
                }
            }
        }
        finally
        {
            torch.random.set_rng_state(random);
        }
        return sample with { Affinity = affinity };
    }

    private static double[,] Read(Tensor square, int n)
    {
        var values = HostReads.Values(square.reshape(-1));
        var result = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = values[i * n + j];
        return result;
    }
}
