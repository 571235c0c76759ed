using System.ComponentModel;
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>Decodes a head's output as its output kind says; used by the generated <c>Predict</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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
