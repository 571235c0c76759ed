using System.Collections.Generic;
using System.ComponentModel;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// What a model's declaration says an exported file must contain: written by the generator into each model's
/// <c>Onnx</c> class and checked against the file when it is loaded.
/// </summary>
/// <param name="Model">The model class's full name (the file's <c>multitasksharp.model</c> metadata).</param>
/// <param name="Inputs">The declared inputs, in declaration order.</param>
/// <param name="Tasks">The tasks, in declaration order.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record OnnxModelContract(string Model, IReadOnlyList<OnnxInputContract> Inputs, IReadOnlyList<OnnxTaskContract> Tasks);

/// <summary>A declared input: its name and example shape without the batch dimension (empty when not declared).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record OnnxInputContract(string Name, IReadOnlyList<int> Shape);

/// <summary>A task: its name (the graph output's) and how its output decodes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record OnnxTaskContract(string Name, OnnxTaskKind Kind);

/// <summary>How a task's output decodes into a prediction, as the task's output kind says.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum OnnxTaskKind
{
    /// <summary>Class logits [N, C]: class index and softmax probabilities.</summary>
    Classes,

    /// <summary>Per-position class logits [N, C, *spatial]: class per position and softmax probabilities.</summary>
    Pixels,

    /// <summary>Per-label logits: sigmoid probabilities and decisions.</summary>
    MultiLabel,

    /// <summary>Values, as the head outputs them.</summary>
    Regression,
}
