using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// The built-in task losses. Each checks that the target fits the prediction and throws a
/// <see cref="TaskDataException"/> naming the task, the member and both shapes when it does not,
/// instead of letting libtorch fail with an anonymous shape error deep inside the backward pass.
/// All return the mean over the batch (and pixels), a scalar.
/// </summary>
public static class TaskLosses
{
    /// <summary>Computes the built-in loss <paramref name="kind"/>.</summary>
    public static Tensor Compute(LossKind kind, string task, string member, Tensor prediction, Tensor? target) => kind switch
    {
        LossKind.MeanSquaredError => MeanSquaredError(task, member, prediction, target),
        LossKind.L1 => L1(task, member, prediction, target),
        LossKind.SmoothL1 => SmoothL1(task, member, prediction, target),
        LossKind.CrossEntropy => CrossEntropy(task, member, prediction, target),
        LossKind.PixelCrossEntropy => PixelCrossEntropy(task, member, prediction, target),
        LossKind.BinaryCrossEntropyWithLogits => BinaryCrossEntropyWithLogits(task, member, prediction, target),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Task '{task}': unknown loss kind."),
    };

    /// <summary>Mean squared error; <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor MeanSquaredError(string task, string member, Tensor prediction, Tensor? target)
        => nn.functional.mse_loss(prediction, RegressionTarget(task, member, "MeanSquaredError", prediction, target));

    /// <summary>Mean absolute error; <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor L1(string task, string member, Tensor prediction, Tensor? target)
        => nn.functional.l1_loss(prediction, RegressionTarget(task, member, "L1", prediction, target));

    /// <summary>Smooth L1 (β = 1); <paramref name="target"/> must have the prediction's shape.</summary>
    public static Tensor SmoothL1(string task, string member, Tensor prediction, Tensor? target)
        => nn.functional.smooth_l1_loss(prediction, RegressionTarget(task, member, "SmoothL1", prediction, target));

    /// <summary>Cross-entropy of logits [N, C] against class indices [N].</summary>
    public static Tensor CrossEntropy(string task, string member, Tensor prediction, Tensor? target)
    {
        const string loss = "CrossEntropy";
        var t = Present(task, member, loss, target);
        if (prediction.dim() != 2)
            throw new TaskDataException(task, "prediction", $"{loss} expects logits of shape [N, C] but the head produced {Shapes.Format(prediction)}.");
        ExpectClassIndices(task, member, loss, t, [prediction.shape[0]], prediction);
        return nn.functional.cross_entropy(prediction, t);
    }

    /// <summary>Per-pixel cross-entropy of logits [N, C, H, W] against class indices [N, H, W].</summary>
    public static Tensor PixelCrossEntropy(string task, string member, Tensor prediction, Tensor? target)
    {
        const string loss = "PixelCrossEntropy";
        var t = Present(task, member, loss, target);
        if (prediction.dim() < 3)
            throw new TaskDataException(task, "prediction", $"{loss} expects logits of shape [N, C, H, W] but the head produced {Shapes.Format(prediction)}.");
        long[] expected = [prediction.shape[0], .. prediction.shape.Skip(2)];
        ExpectClassIndices(task, member, loss, t, expected, prediction);
        return nn.functional.cross_entropy(prediction, t);
    }

    /// <summary>Binary cross-entropy on logits (multi-label); <paramref name="target"/> holds 0/1 floats of the prediction's shape.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(string task, string member, Tensor prediction, Tensor? target)
        => nn.functional.binary_cross_entropy_with_logits(prediction, RegressionTarget(task, member, "BinaryCrossEntropyWithLogits", prediction, target));

    /// <summary>Checks the result of a user-supplied loss method: it must be a scalar.</summary>
    public static Tensor CheckCustom(string task, string method, Tensor loss)
    {
        if (loss is null)
            throw new TaskDataException(task, method, "the loss method returned null.");
        if (loss.numel() != 1)
            throw new TaskDataException(task, method, $"a loss method must return a scalar but returned shape {Shapes.Format(loss)}.");
        return loss.dim() == 0 ? loss : loss.reshape([]);
    }

    /// <summary>Throws when a required target is missing.</summary>
    public static Tensor Present(string task, string member, string loss, Tensor? target)
        => target ?? throw new TaskDataException(task, member, $"the target is missing (null); {loss} needs one for every batch.");

    private static Tensor RegressionTarget(string task, string member, string loss, Tensor prediction, Tensor? target)
    {
        var t = Present(task, member, loss, target);
        if (!t.shape.SequenceEqual(prediction.shape))
            throw new TaskDataException(task, member, $"{loss} expects a target of the prediction's shape {Shapes.Format(prediction)} but got {Shapes.Format(t)}.");
        if (!t.is_floating_point())
            throw new TaskDataException(task, member, $"{loss} expects a floating-point target but got {t.dtype}.");
        return t.dtype == prediction.dtype ? t : t.to_type(prediction.dtype);
    }

    private static void ExpectClassIndices(string task, string member, string loss, Tensor target, long[] expected, Tensor prediction)
    {
        if (!target.shape.SequenceEqual(expected))
            throw new TaskDataException(task, member, $"{loss} expects class indices of shape {Shapes.Format(expected)} for logits {Shapes.Format(prediction)} but got {Shapes.Format(target)}.");
        if (target.dtype != ScalarType.Int64)
            throw new TaskDataException(task, member, $"{loss} expects class indices of type Int64 but got {target.dtype}.");
    }
}
