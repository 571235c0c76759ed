namespace MultiTaskSharp.Generator.Model;

/// <summary>What each output kind is, in words, and which metrics fit it.</summary>
internal static class OutputKinds
{
    /// <summary>The output a built-in loss implies.</summary>
    public static OutputKind Of(LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => OutputKind.Classes,
        LossKind.PixelCrossEntropy => OutputKind.Pixels,
        LossKind.BinaryCrossEntropyWithLogits => OutputKind.MultiLabel,
        _ => OutputKind.Regression,
    };

    public static string Describe(OutputKind output) => output switch
    {
        OutputKind.Classes => "one class per example",
        OutputKind.Pixels => "a class per position",
        OutputKind.MultiLabel => "independent yes/no labels",
        _ => "regression values",
    };

    /// <summary>The declared metrics that make no sense for <paramref name="output"/>.</summary>
    public static MetricKind Misfits(OutputKind output, MetricKind metrics) => output == OutputKind.Regression
        ? metrics & (MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU)
        : metrics & (MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError);

    public static string FittingMetrics(OutputKind output) => output == OutputKind.Regression
        ? "MeanSquaredError or MeanAbsoluteError"
        : "Accuracy, MacroF1 or MeanIoU";
}
