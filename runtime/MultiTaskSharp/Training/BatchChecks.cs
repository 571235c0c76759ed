using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The checks of a training pass. On the hot path they are device-side flags folded into one boolean; only when it is
/// false does <see cref="Diagnose"/> read values to the host to name the task or input, the member and the offending value.
/// </summary>
internal static class BatchChecks
{
    /// <summary>A boolean scalar on the device: every floating input finite, every label valid, every loss and penalty finite.</summary>
    public static Tensor Healthy(StepPass pass)
    {
        var flags = new List<Tensor>();
        foreach (var input in pass.Inputs)
        {
            if (input.Value is { } value && value.is_floating_point())
                flags.Add(value.isfinite().all());
        }
        foreach (var task in pass.Tasks)
        {
            flags.Add(task.Loss.detach().isfinite().all());
            if (task.Valid is { } valid)
                flags.Add(valid);
        }
        foreach (var penalty in pass.Penalties)
            flags.Add(penalty.Value.detach().isfinite().all());
        return flags.Count == 1 ? flags[0] : stack(flags).all();
    }

    /// <summary>The first problem of a pass whose <see cref="Healthy"/> flag was false (reads values; error path only).</summary>
    public static BatchProblem Diagnose(StepPass pass)
    {
        foreach (var input in pass.Inputs)
        {
            if (input.Value is { } value && value.is_floating_point() && !value.isfinite().all().item<bool>())
                return NonFinite(input.Input, input.Member, value, "Input");
        }
        foreach (var task in pass.Tasks)
        {
            if (task.Valid is { } valid && !valid.item<bool>() && task.Target is { } target && task.Prediction is { } prediction)
            {
                long classes = prediction.shape[1];
                var bad = task.Spec.AllowMissing ? target.ge(classes) : target.lt(0).logical_or(target.ge(classes));
                long index = bad.flatten().nonzero()[0].item<long>();
                long label = target.flatten()[index].item<long>();
                long example = index / System.Math.Max(1, target.numel() / System.Math.Max(1, target.shape[0]));
                string allowed = task.Spec.AllowMissing ? $"[0, {classes}) or negative for a missing label" : $"[0, {classes})";
                // 0.1.0 passed negative labels to libtorch, whose ignore index (-100) skipped them; say how to keep that.
                string missing = label < 0 && !task.Spec.AllowMissing
                    ? $" If {label} marks a missing label (PyTorch's ignore_index), declare the head with AllowMissing = true."
                    : "";
                return new BatchProblem(task.Spec.Task, task.Spec.Member, Invariant(
                    $"holds class {label} (example {example}), but the head predicts {classes} classes: labels must be in {allowed}.{missing}"));
            }
        }
        foreach (var task in pass.Tasks)
        {
            if (task.Loss.detach().isfinite().all().item<bool>())
                continue;
            if (task.Target is { } target && target.is_floating_point() && !task.Spec.AllowMissing && !target.isfinite().all().item<bool>())
                return NonFinite(task.Spec.Task, task.Spec.Member, target, "Task");
            if (task.Target is { } partial && partial.is_floating_point() && partial.isinf().any().item<bool>())
                return new BatchProblem(task.Spec.Task, task.Spec.Member, Invariant(
                    $"has {partial.isinf().sum().item<long>()} infinite value(s); a missing target is marked with NaN, never infinity."));
            return new BatchProblem(task.Spec.Task, "loss", Invariant(
                $"the loss is {task.Loss.detach().to_type(ScalarType.Float64).cpu().item<double>()} although the inputs and targets are finite: the prediction is not finite, so the model's weights may have diverged (lower the learning rate, or clip gradients with MaxGradNorm)."));
        }
        foreach (var penalty in pass.Penalties)
        {
            if (!penalty.Value.detach().isfinite().all().item<bool>())
                return new BatchProblem(penalty.Name, "penalty", "the soft-sharing penalty is not finite: the towers' parameters have diverged.");
        }
        return new BatchProblem("Batch", "Batch", "a check failed but no value is at fault; please report this.");
    }

    private static BatchProblem NonFinite(string owner, string member, Tensor value, string kind)
    {
        var bad = value.isfinite().logical_not();
        long count = bad.sum().item<long>();
        long index = bad.flatten().nonzero()[0].item<long>();
        long perExample = value.dim() == 0 ? 1 : System.Math.Max(1, value.numel() / System.Math.Max(1, value.shape[0]));
        var first = value.flatten()[index].to_type(ScalarType.Float64).item<double>();
        var message = Invariant($"has {count} non-finite value(s) ({first} in example {index / perExample} first); {(kind == "Input" ? "inputs" : "targets")} must be finite")
            + (kind == "Task" ? " (declare [Head(..., AllowMissing = true)] to mark missing targets with NaN)." : ".");
        return new BatchProblem(owner, member, message, IsInput: kind == "Input");
    }

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
