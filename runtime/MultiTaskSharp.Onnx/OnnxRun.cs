using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// The outputs of one run, by name, and each task's prediction: taken from the file's decoded outputs when it has them,
/// else decoded here from the raw output exactly as <c>Predict</c> decodes in TorchSharp.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OnnxRun
{
    private readonly Dictionary<string, OnnxTensor> outputs;
    private readonly Dictionary<string, bool> decoded;

    internal OnnxRun(Dictionary<string, OnnxTensor> outputs, OnnxFileLayout layout)
    {
        this.outputs = outputs;
        decoded = layout.Tasks.ToDictionary(t => t.Name, t => t.Decoded);
    }

    /// <summary>Task <paramref name="task"/>'s raw output (logits or values), as its head produced it.</summary>
    public OnnxTensor<float> Raw(string task) => (OnnxTensor<float>)outputs[task];

    /// <summary>A classification task's class and probabilities.</summary>
    public OnnxClassPrediction Classes(string task)
    {
        var (classes, probabilities) = decoded[task] ? Exported(task) : OnnxDecoding.Softmax(task, Raw(task), minRank: 2, maxRank: 2);
        return new OnnxClassPrediction(classes, probabilities);
    }

    /// <summary>A segmentation task's per-position class and probabilities.</summary>
    public OnnxPixelPrediction Pixels(string task)
    {
        var (classes, probabilities) = decoded[task] ? Exported(task) : OnnxDecoding.Softmax(task, Raw(task), minRank: 3, maxRank: int.MaxValue);
        return new OnnxPixelPrediction(classes, probabilities);
    }

    /// <summary>A multi-label task's decisions and probabilities.</summary>
    public OnnxMultiLabelPrediction MultiLabel(string task)
    {
        if (decoded[task])
            return new OnnxMultiLabelPrediction((OnnxTensor<bool>)outputs[task + ".labels"], (OnnxTensor<float>)outputs[task + ".probabilities"]);
        var (labels, probabilities) = OnnxDecoding.Sigmoid(Raw(task));
        return new OnnxMultiLabelPrediction(labels, probabilities);
    }

    /// <summary>A regression task's values.</summary>
    public OnnxRegressionPrediction Regression(string task) => new(Raw(task));

    private (OnnxTensor<long>, OnnxTensor<float>) Exported(string task)
        => ((OnnxTensor<long>)outputs[task + ".class"], (OnnxTensor<float>)outputs[task + ".probabilities"]);
}
