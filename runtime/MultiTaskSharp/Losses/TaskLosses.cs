using System.ComponentModel;
using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The built-in task losses. Each checks that the target fits the prediction and throws a
/// <see cref="TaskDataException"/> naming the task, the member and both shapes when it does not,
/// instead of letting libtorch fail with an anonymous error deep inside the backward pass.
/// All return the mean over the batch (and pixels, and labels), a scalar.
/// </summary>
/// <remarks>
/// Missing targets (tasks declared with <c>AllowMissing</c>): NaN entries of floating-point targets, negative class
/// indices, and entries an explicit mask marks false are left out; the loss is the mean over the present entries,
/// and 0 with no gradient when none is present. Class labels at or above the number of classes are never silently
/// used: <see cref="Evaluate"/> reports them through <see cref="TaskLossResult.Valid"/>, which the training step checks.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TaskLosses
{
    /// <summary>Computes the built-in loss <paramref name="kind"/> (every target entry present).</summary>
    public static Tensor Compute(LossKind kind, string task, string member, Tensor prediction, Tensor? target)
        => Evaluate(new TaskLossSpec(task, member, kind), prediction, target, null).Loss;

    /// <summary>Mean squared error; <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor MeanSquaredError(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.MeanSquaredError, task, member, prediction, target);

    /// <summary>Mean absolute error; <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor L1(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.L1, task, member, prediction, target);

    /// <summary>Smooth L1 (β = 1); <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor SmoothL1(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.SmoothL1, task, member, prediction, target);

    /// <summary>Cross-entropy of logits [N, C] against class indices [N].</summary>
    public static Tensor CrossEntropy(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.CrossEntropy, task, member, prediction, target);

    /// <summary>Per-pixel cross-entropy of logits [N, C, H, W] against class indices [N, H, W].</summary>
    public static Tensor PixelCrossEntropy(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.PixelCrossEntropy, task, member, prediction, target);

    /// <summary>Binary cross-entropy on logits (multi-label); <paramref name="target"/> holds 0/1 floats of the prediction's shape.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(string task, string member, Tensor prediction, Tensor? target)
        => Compute(LossKind.BinaryCrossEntropyWithLogits, task, member, prediction, target);

    /// <summary>
    /// The task's loss with its validity flag and present count, as the generated training step uses it.
    /// <paramref name="mask"/> (optional, boolean, broadcastable to the target) marks present entries.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TaskLossResult Evaluate(TaskLossSpec spec, Tensor? prediction, Tensor? target, Tensor? mask)
    {
        if (prediction is null || target is null)
        {
            if (!spec.AllowMissing)
            {
                if (prediction is null)
                    throw new TaskDataException(spec.Task, "prediction", "the head produced no output (its input is missing), but the task's targets may not be missing; declare [Head(..., AllowMissing = true)].");
                Present(spec.Task, spec.Member, spec.Loss.ToString(), target);
            }
            // The whole batch lacks this task: it contributes nothing.
            var device = prediction?.device ?? target?.device ?? CPU;
            return new TaskLossResult(spec, zeros([], device: device), null, zeros([], device: device), 0, prediction, target, mask);
        }
        if (mask is not null && mask.dtype != ScalarType.Bool)
            throw new TaskDataException(spec.Task, spec.Member + " mask", $"a presence mask must be boolean but is {mask.dtype}.");
        return spec.Loss switch
        {
            LossKind.CrossEntropy => Classes(spec, prediction, target, mask, pixels: false),
            LossKind.PixelCrossEntropy => Classes(spec, prediction, target, mask, pixels: true),
            _ => Elementwise(spec, prediction, target, mask),
        };
    }

    /// <summary>Checks the result of a user-supplied loss method: it must be a scalar.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Tensor CheckCustom(string task, string method, Tensor loss)
    {
        if (loss is null)
            throw new TaskDataException(task, method, "the loss method returned null.");
        if (loss.numel() != 1)
            throw new TaskDataException(task, method, $"a loss method must return a scalar but returned shape {Shapes.Format(loss)}.");
        return loss.dim() == 0 ? loss : loss.reshape([]);
    }

    /// <summary>A custom loss method's result, as the generated training step uses it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TaskLossResult Custom(TaskLossSpec spec, string method, Tensor? prediction, Tensor? target, Func<Tensor, Tensor, Tensor> loss)
    {
        if (prediction is null || target is null)
            return Evaluate(spec, prediction, target, null); // missing for the whole batch: zero, or an error
        var value = CheckCustom(spec.Task, method, loss(prediction, target));
        return new TaskLossResult(spec, value, null, null, prediction.dim() == 0 ? 1 : prediction.shape[0], prediction, target, null);
    }

    /// <summary>Throws when a required target is missing.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Tensor Present(string task, string member, string loss, Tensor? target)
        => target ?? throw new TaskDataException(task, member, $"the target is missing (null); {loss} needs one for every batch unless the task declares AllowMissing.");

    private static TaskLossResult Elementwise(TaskLossSpec spec, Tensor prediction, Tensor target, Tensor? mask)
    {
        var name = spec.Loss.ToString();
        if (!target.shape.SequenceEqual(prediction.shape))
            throw new TaskDataException(spec.Task, spec.Member, $"{name} expects a target of the prediction's shape {Shapes.Format(prediction)} but got {Shapes.Format(target)}.");
        if (!target.is_floating_point())
            throw new TaskDataException(spec.Task, spec.Member, $"{name} expects a floating-point target but got {target.dtype}.");
        var t = target.dtype == prediction.dtype ? target : target.to_type(prediction.dtype);
        long entries = t.numel();
        if (!spec.AllowMissing && mask is null)
        {
            // Every entry present: the plain library loss, exactly what a hand-written step computes.
            var loss = spec.Loss switch
            {
                LossKind.MeanSquaredError => nn.functional.mse_loss(prediction, t),
                LossKind.L1 => nn.functional.l1_loss(prediction, t),
                LossKind.SmoothL1 => nn.functional.smooth_l1_loss(prediction, t),
                _ => nn.functional.binary_cross_entropy_with_logits(prediction, t),
            };
            return new TaskLossResult(spec, loss, null, null, entries, prediction, target, mask);
        }
        var present = spec.AllowMissing ? t.isnan().logical_not() : ones_like(t, dtype: ScalarType.Bool);
        if (mask is not null)
            present = present.logical_and(mask);
        // NaN targets must not reach the loss: a NaN times a zero weight is still NaN.
        var safe = where(present, t, zeros_like(t));
        var elements = spec.Loss switch
        {
            LossKind.MeanSquaredError => nn.functional.mse_loss(prediction, safe, reduction: nn.Reduction.None),
            LossKind.L1 => nn.functional.l1_loss(prediction, safe, reduction: nn.Reduction.None),
            LossKind.SmoothL1 => nn.functional.smooth_l1_loss(prediction, safe, reduction: nn.Reduction.None),
            _ => nn.functional.binary_cross_entropy_with_logits(prediction, safe, reduction: nn.Reduction.None),
        };
        var count = present.sum(type: ScalarType.Float32);
        var masked = where(present, elements, zeros_like(elements)).sum() / count.clamp_min(1).to_type(elements.dtype);
        return new TaskLossResult(spec, masked, null, count, entries, prediction, target, mask);
    }

    private static TaskLossResult Classes(TaskLossSpec spec, Tensor prediction, Tensor target, Tensor? mask, bool pixels)
    {
        var name = spec.Loss.ToString();
        if (pixels)
        {
            if (prediction.dim() < 3)
                throw new TaskDataException(spec.Task, "prediction", $"{name} expects logits of shape [N, C, H, W] but the head produced {Shapes.Format(prediction)}.");
        }
        else if (prediction.dim() != 2)
        {
            throw new TaskDataException(spec.Task, "prediction", $"{name} expects logits of shape [N, C] but the head produced {Shapes.Format(prediction)}.");
        }
        long[] expected = pixels ? [prediction.shape[0], .. prediction.shape.Skip(2)] : [prediction.shape[0]];
        if (!target.shape.SequenceEqual(expected))
            throw new TaskDataException(spec.Task, spec.Member, $"{name} expects class indices of shape {Shapes.Format(expected)} for logits {Shapes.Format(prediction)} but got {Shapes.Format(target)}.");
        if (target.dtype != ScalarType.Int64)
            throw new TaskDataException(spec.Task, spec.Member, $"{name} expects class indices of type Int64 but got {target.dtype}.");

        long classes = prediction.shape[1];
        long entries = target.numel();
        // Labels outside [0, C) would make libtorch throw from inside its kernel (or assert on a GPU). They are clamped
        // into range so the pass completes, and flagged: the step reads the flag before anything is updated.
        var inRange = target.lt(classes).logical_and(spec.AllowMissing ? ones_like(target, dtype: ScalarType.Bool) : target.ge(0));
        var valid = inRange.all();
        var present = spec.AllowMissing ? target.ge(0) : null;
        if (mask is not null)
            present = present is null ? mask : present.logical_and(mask);
        var safe = target.clamp(0, classes - 1);
        if (present is null)
            return new TaskLossResult(spec, nn.functional.cross_entropy(prediction, safe), valid, null, entries, prediction, target, mask);
        var elements = nn.functional.cross_entropy(prediction, safe, reduction: nn.Reduction.None);
        var count = present.sum(type: ScalarType.Float32);
        var loss = where(present, elements, zeros_like(elements)).sum() / count.clamp_min(1).to_type(elements.dtype);
        return new TaskLossResult(spec, loss, valid, count, entries, prediction, target, mask);
    }
}
