using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// What the processes of a data-parallel step agree on before the strategy runs, in one reduction of a small vector:
/// whether every process's batch passed the checks, how many examples and present loss entries each task has over
/// the whole (global) batch, and the sum of each task's loss over those entries. From it every process knows the
/// global task losses <c>L_t = Σ_r c_t^r l_t^r / C_t</c> and which tasks the global batch labels.
/// </summary>
/// <remarks>
/// <para>The strategy is then given, per task, the surrogate <c>L_t + (s − s.detach())</c> with
/// <c>s = N · c_t^r / C_t · l_t^r</c>: its value is the global loss (so a loss-based strategy weighs, and a learned
/// or adaptive one updates on, exactly what one process on the whole batch would see), and its gradient is this
/// process's share of the global gradient, scaled by the number of processes N. Averaging gradients over the
/// processes then gives <c>Σ_r c_t^r / C_t ∇l_t^r = ∇L_t</c> for the model's parameters, and the strategy's own
/// parameters (identical on every process) keep their single-process gradient.</para>
/// <para>Tasks' losses are means over present entries (partial labels included), so the per-task means are global
/// means, never means of per-process means.</para>
/// </remarks>
internal sealed class StepExchange
{
    private readonly ProcessGroup _group;
    private readonly double[] _localCounts;

    private StepExchange(ProcessGroup group, double[] localCounts, double[] counts, double[] values, double examples, BatchProblem? problem)
    {
        _group = group;
        _localCounts = localCounts;
        Counts = counts;
        Values = values;
        Examples = examples;
        Problem = problem;
    }

    /// <summary>Each task's present loss entries over the global batch.</summary>
    public double[] Counts { get; }

    /// <summary>Each task's global loss (0 for a task no process's batch labels).</summary>
    public double[] Values { get; }

    /// <summary>Examples in the global batch.</summary>
    public double Examples { get; }

    /// <summary>Why the global batch is rejected (a process's batch failed the checks), or null.</summary>
    public BatchProblem? Problem { get; }

    /// <summary>Which tasks the global batch labels.</summary>
    public bool[] Present => Counts.Select(c => c > 0).ToArray();

    /// <summary>Runs the exchange for one step's forward pass (every process calls it).</summary>
    public static StepExchange Run(ProcessGroup group, StepPass pass, long examples, bool checkFinite, string where)
    {
        int tasks = pass.Tasks.Length, size = group.Size;
        double[] local;
        using (NewDisposeScope())
        {
            // The step's one device→host read, as in a single process: the check, the counts and the losses together.
            var items = new List<Tensor> { checkFinite ? BatchChecks.Healthy(pass).to_type(ScalarType.Float64).reshape(1) : ones(1, dtype: ScalarType.Float64) };
            foreach (var task in pass.Tasks)
                items.Add((task.PresentCount?.to_type(ScalarType.Float64) ?? full([], (double)task.Entries, dtype: ScalarType.Float64)).cpu().reshape(1));
            foreach (var task in pass.Tasks)
                items.Add(task.Loss.detach().to_type(ScalarType.Float64).cpu().reshape(1));
            local = HostReads.Values(cat(items.Select(t => t.cpu()).ToArray()));
        }
        bool healthy = local[0] > 0;
        // Layout: one health slot per process, the examples, each task's present count, each task's loss sum.
        var vector = new double[size + 1 + 2 * tasks];
        vector[group.Rank] = healthy ? 0 : 1;
        vector[size] = examples;
        var localCounts = new double[tasks];
        for (int t = 0; t < tasks; t++)
        {
            localCounts[t] = local[1 + t];
            vector[size + 1 + t] = localCounts[t];
            vector[size + 1 + tasks + t] = localCounts[t] > 0 ? local[1 + tasks + t] * localCounts[t] : 0;
        }
        group.AllReduce(vector);

        BatchProblem? problem = null;
        int failed = Array.FindIndex(vector, 0, size, v => v > 0);
        if (failed >= 0)
            problem = ShareProblem(group, failed, healthy ? null : BatchChecks.Diagnose(pass), where);
        var counts = new double[tasks];
        var values = new double[tasks];
        for (int t = 0; t < tasks; t++)
        {
            counts[t] = vector[size + 1 + t];
            values[t] = counts[t] > 0 ? vector[size + 1 + tasks + t] / counts[t] : 0;
        }
        return new StepExchange(group, localCounts, counts, values, vector[size], problem);
    }

    /// <summary>The strategy's view of each task's loss: the global value, this process's (scaled) gradient.</summary>
    public Tensor[] Surrogates(IReadOnlyList<Tensor> losses)
    {
        var result = new Tensor[losses.Count];
        for (int t = 0; t < losses.Count; t++)
        {
            var loss = losses[t];
            if (Counts[t] == 0)
                result[t] = loss;
            else if (_localCounts[t] == 0 || !loss.requires_grad)
                result[t] = full([], Values[t], dtype: loss.dtype, device: loss.device);
            else
            {
                // value + (share − share): exactly the global value on every process (x − x is 0 in floating point, so
                // adaptive strategies keep identical state everywhere), with the share's gradient.
                var share = loss * (_group.Size * _localCounts[t] / Counts[t]);
                var value = full([], Values[t], dtype: loss.dtype, device: loss.device);
                result[t] = value + (share - share.detach());
            }
        }
        return result;
    }

    /// <summary>
    /// The global task losses of the same batch evaluated again (FAMO's update after the step), from this process's
    /// local ones: one more reduction of the T loss sums, weighted by the step's present counts.
    /// </summary>
    public Tensor[] Globalize(Tensor[] losses)
    {
        double[] local = HostReads.Values(stack(losses.Select(l => l.detach().to_type(ScalarType.Float64).cpu().reshape([])).ToArray()));
        var sums = new double[losses.Length];
        for (int t = 0; t < losses.Length; t++)
            sums[t] = _localCounts[t] > 0 ? local[t] * _localCounts[t] : 0;
        _group.AllReduce(sums);
        return losses.Select((l, t) => full([], Counts[t] > 0 ? sums[t] / Counts[t] : 0, dtype: l.dtype, device: l.device)).ToArray();
    }

    /// <summary>The weights of the step's loss values in an epoch mean: global examples, then global present counts.</summary>
    public Tensor Weights(int penalties, Device device)
        => tensor([Examples, .. Counts, .. Enumerable.Repeat(Examples, penalties)], dtype: ScalarType.Float64, device: device);

    // The first failing process sends its diagnosis to all, so every process stops (or skips) with the same message.
    private static BatchProblem ShareProblem(ProcessGroup group, int failed, BatchProblem? mine, string where)
    {
        byte[]? bytes = group.Rank == failed
            ? Encoding.UTF8.GetBytes(string.Join('\0', mine!.Task, mine.Member, mine.Message, mine.IsInput ? "1" : "0"))
            : null;
        var parts = Encoding.UTF8.GetString(group.Broadcast(bytes, root: failed)).Split('\0');
        return new BatchProblem(parts[0], parts[1], $"{parts[2]} (rank {failed} of {group.Size}{where})", parts[3] == "1");
    }
}
