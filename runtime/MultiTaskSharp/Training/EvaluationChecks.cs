using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The checks of an evaluation pass, kept on the device and read once at the end: every batch's inputs finite, labels
/// in range and losses finite. An evaluation over no batch is an error, never a perfect score.
/// </summary>
/// <remarks>
/// A batch that fails is named with the task or input, the member, the offending value and its example, as the
/// training step names it. The batches are gone by the end of the pass (a source may stream them), so each batch also
/// leaves on the device where its first problem of each kind is (<see cref="Locate"/>), read only when it failed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EvaluationChecks : IDisposable
{
    private readonly List<Tensor> _healthy = new();
    private readonly List<(Tensor Located, Check[] Checks)> _problems = new();

    private enum Kind { Input, Label, Target, InfiniteTarget, Loss, Penalty }

    /// <summary>What one check of a batch looks at, as the host knows it without reading the device.</summary>
    private readonly record struct Check(Kind Kind, string Owner, string Member, long PerExample, long Classes = 0, bool AllowMissing = false);

    /// <summary>Adds one batch's pass.</summary>
    public void Add(StepPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var checks = new List<Check>();
        var located = new List<Tensor>();
        void Add(Check check, Tensor bad, Tensor values)
        {
            checks.Add(check);
            located.Add(Locate(bad, values));
        }

        foreach (var input in pass.Inputs)
        {
            if (input.Value is { } value && value.is_floating_point())
                Add(new(Kind.Input, input.Input, input.Member, PerExample(value)), value.isfinite().logical_not(), value);
        }
        foreach (var task in pass.Tasks)
        {
            if (task.Valid is not null && task.Target is { } target && task.Prediction is { } prediction)
            {
                long classes = prediction.shape[1];
                var bad = task.Spec.AllowMissing ? target.ge(classes) : target.lt(0).logical_or(target.ge(classes));
                Add(new(Kind.Label, task.Spec.Task, task.Spec.Member, PerExample(target), classes, task.Spec.AllowMissing), bad, target);
            }
        }
        foreach (var task in pass.Tasks)
        {
            if (task.Target is { } target && target.is_floating_point())
            {
                if (!task.Spec.AllowMissing)
                    Add(new(Kind.Target, task.Spec.Task, task.Spec.Member, PerExample(target)), target.isfinite().logical_not(), target);
                else
                    Add(new(Kind.InfiniteTarget, task.Spec.Task, task.Spec.Member, PerExample(target)), target.isinf(), target);
            }
            var loss = task.Loss.detach();
            Add(new(Kind.Loss, task.Spec.Task, "loss", 1), loss.isfinite().logical_not(), loss);
        }
        foreach (var penalty in pass.Penalties)
        {
            var value = penalty.Value.detach();
            Add(new(Kind.Penalty, penalty.Name, "penalty", 1), value.isfinite().logical_not(), value);
        }
        // Both outlive the batch's dispose scope; disposed with the checks.
        _healthy.Add(BatchChecks.Healthy(pass).DetachFromDisposeScope());
        _problems.Add((stack(located).DetachFromDisposeScope(), checks.ToArray()));
    }

    /// <summary>Throws when no batch was evaluated, or when a batch failed a check (naming the first such batch and what is wrong).</summary>
    public void ThrowIfInvalid()
    {
        if (_healthy.Count == 0)
            throw new InvalidOperationException("Evaluate received no batches: there is nothing to score (an empty source would otherwise look like a perfect score).");
        bool[] healthy;
        using (var scope = NewDisposeScope())
        {
            HostReads.Add();
            healthy = stack(_healthy).cpu().data<bool>().ToArray();
        }
        int bad = Array.IndexOf(healthy, false);
        if (bad < 0)
            return;
        var (located, checks) = _problems[bad];
        double[] rows;
        using (var scope = NewDisposeScope())
            rows = located.cpu().data<double>().ToArray(); // the error path only: the pass is over
        for (int c = 0; c < checks.Length; c++)
        {
            if (rows[4 * c] != 0)
                throw Describe(checks[c], $"evaluation batch {bad + 1}", rows[4 * c + 1], (long)rows[4 * c + 2], (long)rows[4 * c + 3]);
        }
        throw TaskDataException.ForBatch($"evaluation batch {bad + 1}", "a check failed but no value is at fault; please report this.");
    }

    /// <summary>
    /// Where a batch's first bad entry is, computed on the device: [any bad, its value, its flat index, how many are bad],
    /// as float64 (labels and indices are exact below 2^53).
    /// </summary>
    private static Tensor Locate(Tensor bad, Tensor values)
    {
        var flat = bad.flatten().to_type(ScalarType.Int64);
        var first = flat.argmax(); // the first maximum: the first bad entry (0 when none)
        var value = values.detach().flatten().index_select(0, first.reshape(1)).reshape([]);
        return stack([flat.any().to_type(ScalarType.Float64), value.to_type(ScalarType.Float64), first.to_type(ScalarType.Float64), flat.sum().to_type(ScalarType.Float64)]);
    }

    private static TaskDataException Describe(Check check, string batch, double value, long index, long count)
    {
        long example = index / Math.Max(1, check.PerExample);
        string number = value.ToString(CultureInfo.InvariantCulture);
        return check.Kind switch
        {
            Kind.Input => new TaskDataException(check.Owner, check.Member,
                Invariant($"{batch} has {count} non-finite value(s) ({number} in example {example} first); inputs must be finite."), isInput: true),
            Kind.Label => new TaskDataException(check.Owner, check.Member,
                BatchChecks.LabelMessage((long)value, example, check.Classes, check.AllowMissing).Insert(0, batch + " ")),
            Kind.Target => new TaskDataException(check.Owner, check.Member, Invariant(
                $"{batch} has {count} non-finite value(s) ({number} in example {example} first); targets must be finite (declare [Head(..., AllowMissing = true)] to mark missing targets with NaN).")),
            Kind.InfiniteTarget => new TaskDataException(check.Owner, check.Member, Invariant(
                $"{batch} has {count} infinite value(s) ({number} in example {example} first); a missing target is marked with NaN, never infinity.")),
            Kind.Loss => new TaskDataException(check.Owner, check.Member, Invariant(
                $"{batch}: the loss is {number} although the inputs and targets are finite: the prediction is not finite, so the model's weights may have diverged.")),
            _ => new TaskDataException(check.Owner, check.Member, $"{batch}: the soft-sharing penalty is {number}: the towers' parameters have diverged."),
        };
    }

    private static long PerExample(Tensor value) => value.dim() == 0 ? 1 : Math.Max(1, value.numel() / Math.Max(1, value.shape[0]));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var flag in _healthy)
            flag.Dispose();
        foreach (var (located, _) in _problems)
            located.Dispose();
        _healthy.Clear();
        _problems.Clear();
    }
}
