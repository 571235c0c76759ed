using System;

namespace MultiTaskSharp;

/// <summary>Which output kind a built-in loss implies and which metrics each output kind supports.</summary>
internal static class OutputKindMetrics
{
    private const MetricKind ErrorMetrics = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError;
    private const MetricKind DecisionMetrics = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;

    /// <summary>The output kind of a head trained with the built-in <paramref name="loss"/>.</summary>
    public static OutputKind Of(LossKind loss, string task) => loss switch
    {
        LossKind.MeanSquaredError or LossKind.L1 or LossKind.SmoothL1 => OutputKind.Regression,
        LossKind.CrossEntropy => OutputKind.Classes,
        LossKind.PixelCrossEntropy => OutputKind.Pixels,
        LossKind.BinaryCrossEntropyWithLogits => OutputKind.MultiLabel,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, $"Task '{task}': unknown loss kind."),
    };

    /// <summary>The metrics that can score an output of <paramref name="kind"/>.</summary>
    public static MetricKind Supported(OutputKind kind) => kind switch
    {
        OutputKind.Regression => ErrorMetrics,
        OutputKind.Classes or OutputKind.Pixels or OutputKind.MultiLabel => DecisionMetrics,
        _ => MetricKind.None,
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the task when a metric does not fit the output kind.</summary>
    public static void Check(string task, OutputKind kind, MetricKind metrics)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Task '{task}': unknown output kind.");
        var unsupported = metrics & ~Supported(kind);
        if (unsupported != MetricKind.None)
        {
            throw new ArgumentException(
                $"Task '{task}': metric {unsupported} does not fit a {kind} output; a {kind} output supports {Describe(Supported(kind))}.",
                nameof(metrics));
        }
    }

    private static string Describe(MetricKind metrics) => metrics == MetricKind.None ? "no metric" : metrics.ToString();
}
