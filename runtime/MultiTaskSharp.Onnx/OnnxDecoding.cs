using System;
using System.Linq;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// Decodes raw outputs on the CPU as <c>MultiTaskSharp.Prediction</c> does with tensors: softmax and argmax over the
/// class dimension (dimension 1; the first maximum wins, as in torch.argmax), sigmoid and logit &gt; 0 per label.
/// </summary>
internal static class OnnxDecoding
{
    public static (OnnxTensor<long> Class, OnnxTensor<float> Probabilities) Softmax(string task, OnnxTensor<float> logits, int minRank, int maxRank)
    {
        long[] shape = logits.Shape;
        if (shape.Length < minRank || shape.Length > maxRank)
            throw new InvalidOperationException($"Task {task}: expected logits {(minRank == 2 ? "[N, C]" : "[N, C, *spatial]")} but the model produced {logits.ShapeText}.");
        int examples = checked((int)shape[0]), classes = checked((int)shape[1]);
        int positions = checked((int)shape.Skip(2).Aggregate(1L, (p, d) => p * d));
        var probabilities = new float[logits.Data.Length];
        var best = new long[examples * positions];
        float[] x = logits.Data;
        for (int n = 0; n < examples; n++)
        {
            for (int p = 0; p < positions; p++)
            {
                int first = n * classes * positions + p;
                float max = float.NegativeInfinity;
                long argmax = 0;
                for (int c = 0; c < classes; c++)
                {
                    float v = x[first + c * positions];
                    if (v > max || float.IsNaN(v) && !float.IsNaN(max))
                    {
                        max = v;
                        argmax = c;
                    }
                }
                float sum = 0;
                for (int c = 0; c < classes; c++)
                {
                    float e = MathF.Exp(x[first + c * positions] - max);
                    probabilities[first + c * positions] = e;
                    sum += e;
                }
                for (int c = 0; c < classes; c++)
                    probabilities[first + c * positions] /= sum;
                best[n * positions + p] = argmax;
            }
        }
        long[] classShape = new[] { shape[0] }.Concat(shape.Skip(2)).ToArray();
        return (new OnnxTensor<long>(best, classShape), new OnnxTensor<float>(probabilities, shape));
    }

    public static (OnnxTensor<bool> Labels, OnnxTensor<float> Probabilities) Sigmoid(OnnxTensor<float> logits)
    {
        var probabilities = new float[logits.Data.Length];
        var labels = new bool[logits.Data.Length];
        for (int i = 0; i < probabilities.Length; i++)
        {
            float v = logits.Data[i];
            probabilities[i] = 1f / (1f + MathF.Exp(-v));
            labels[i] = v > 0;
        }
        return (new OnnxTensor<bool>(labels, logits.Shape), new OnnxTensor<float>(probabilities, logits.Shape));
    }
}
