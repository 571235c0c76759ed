namespace MultiTaskSharp;

/// <summary>One named number of an epoch, such as <c>train/loss/Shape</c> or <c>validation/Shape/Accuracy</c>.</summary>
/// <param name="Name">The series name: a TensorBoard tag, and the column name in CSV and JSON exports.</param>
/// <param name="Value">The value; NaN when there was nothing to score.</param>
public readonly record struct EpochScalar(string Name, double Value);
