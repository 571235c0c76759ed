namespace MultiTaskSharp.Export;

/// <summary>What <see cref="OnnxExport"/> writes besides every task's output.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>
    /// Also write each task's decoded prediction, as <c>Predict</c> returns it: <c>Task.class</c> and
    /// <c>Task.probabilities</c> for class and per-pixel tasks, <c>Task.labels</c> and <c>Task.probabilities</c> for
    /// multi-label tasks (see <see cref="OnnxContract"/>). Regression tasks have their output only.
    /// </summary>
    public bool Predictions { get; init; }

    /// <summary>The graph's name in the file; the model class's name when null.</summary>
    public string? GraphName { get; init; }
}
