using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>A classification task's prediction: the most likely class of each example and every class's probability.</summary>
/// <param name="Class">Class indices [N], int64.</param>
/// <param name="Probabilities">Softmax probabilities [N, C].</param>
public sealed record ClassPrediction(Tensor Class, Tensor Probabilities);

/// <summary>A segmentation task's prediction: the most likely class of each position and every class's probability.</summary>
/// <param name="Class">Class indices [N, *spatial], int64.</param>
/// <param name="Probabilities">Softmax probabilities over the class dimension [N, C, *spatial].</param>
public sealed record PixelPrediction(Tensor Class, Tensor Probabilities);

/// <summary>A multi-label task's prediction: each label's decision (probability above 0.5) and probability.</summary>
/// <param name="Labels">Decisions [N, K], boolean.</param>
/// <param name="Probabilities">Sigmoid probabilities [N, K].</param>
public sealed record MultiLabelPrediction(Tensor Labels, Tensor Probabilities);

/// <summary>A regression task's prediction: the values the head outputs.</summary>
/// <param name="Values">The head's output.</param>
public sealed record RegressionPrediction(Tensor Values);

/// <summary>Decodes a head's output as its output kind says; used by the generated <c>Predict</c>.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class Prediction
{
    /// <summary>Class and probabilities from logits [N, C].</summary>
    public static ClassPrediction Classes(string task, Tensor logits)
    {
        if (logits.dim() != 2)
            throw new TaskDataException(task, "prediction", $"class logits must be [N, C] but the head produced {Shapes.Format(logits)}.");
        return new ClassPrediction(logits.argmax(1), nn.functional.softmax(logits, 1));
    }

    /// <summary>Per-position class and probabilities from logits [N, C, *spatial].</summary>
    public static PixelPrediction Pixels(string task, Tensor logits)
    {
        if (logits.dim() < 3)
            throw new TaskDataException(task, "prediction", $"per-pixel logits must be [N, C, H, W] but the head produced {Shapes.Format(logits)}.");
        return new PixelPrediction(logits.argmax(1), nn.functional.softmax(logits, 1));
    }

    /// <summary>Decisions and probabilities from per-label logits.</summary>
    public static MultiLabelPrediction MultiLabel(string task, Tensor logits)
    {
        var probabilities = logits.sigmoid();
        return new MultiLabelPrediction(logits.gt(0), probabilities);
    }

    /// <summary>The values as the head outputs them.</summary>
    public static RegressionPrediction Regression(string task, Tensor values) => new(values);
}
