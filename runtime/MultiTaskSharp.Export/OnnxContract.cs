namespace MultiTaskSharp.Export;

/// <summary>
/// The names an exported file is read by: graph input and output names, dynamic dimensions and model metadata. A
/// typed predictor over ONNX Runtime checks a file against these, so they change only with <see cref="Format"/>.
/// </summary>
public static class OnnxContract
{
    /// <summary>The opset the exporter writes (the ONNX default domain).</summary>
    public const long Opset = 17;

    /// <summary>The ONNX IR version of opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>Metadata key: the model class's full name (<see cref="System.Type.FullName"/>).</summary>
    public const string ModelKey = "multitasksharp.model";

    /// <summary>Metadata key: the task names, comma-separated, in declaration order (one graph output each, named so).</summary>
    public const string TasksKey = "multitasksharp.tasks";

    /// <summary>Metadata key: the input names, comma-separated, in declaration order (one graph input each, named so).</summary>
    public const string InputsKey = "multitasksharp.inputs";

    /// <summary>Metadata key: the version of this contract, <see cref="Format"/>.</summary>
    public const string FormatKey = "multitasksharp.format";

    /// <summary>Metadata key: "true" when the file has the decoded prediction outputs, else "false".</summary>
    public const string PredictionsKey = "multitasksharp.predictions";

    /// <summary>The version of this contract.</summary>
    public const string Format = "1";

    /// <summary>The dynamic first dimension of every input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The dynamic time dimension of an input that feeds a recurrent trunk directly (batch-first layout).</summary>
    public const string SequenceDimension = "sequence";

    /// <summary>Output suffix (predictions): a Classes or Pixels task's class index, int64, [N] or [N, *spatial].</summary>
    public const string ClassSuffix = ".class";

    /// <summary>Output suffix (predictions): softmax (Classes, Pixels) or sigmoid (MultiLabel) probabilities, float.</summary>
    public const string ProbabilitiesSuffix = ".probabilities";

    /// <summary>Output suffix (predictions): a MultiLabel task's decisions (logit &gt; 0), bool, [N, K].</summary>
    public const string LabelsSuffix = ".labels";
}
