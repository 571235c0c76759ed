using System;
using System.Collections.Generic;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>Loss values of a two-task model, written by hand so these tests do not depend on generated code.</summary>
public sealed record TwoTaskLosses(double Total, double Shape, double Mask) : ILossValues<TwoTaskLosses>
{
    public static IReadOnlyList<string> TaskNames { get; } = ["Shape", "Mask"];

    public static IReadOnlyList<string> PenaltyNames { get; } = [];

    public static TwoTaskLosses FromVector(ReadOnlySpan<double> values) => new(values[0], values[1], values[2]);

    public double[] ToVector() => [Total, Shape, Mask];

    public double this[int task] => task switch
    {
        0 => Shape,
        1 => Mask,
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };
}

/// <summary>Metrics of the two tasks: Shape declares accuracy and macro-F1, Mask mean IoU.</summary>
public sealed record TwoTaskMetrics(TaskMetrics Shape, TaskMetrics Mask) : ITaskMetricsSet
{
    public IReadOnlyList<TaskMetrics> Tasks => [Shape, Mask];
}

/// <summary>
/// Four epochs validated at 2 and 4, with values that need every digit to round-trip, and a NaN mean IoU at
/// epoch 4 (nothing to score).
/// </summary>
public static class SampleHistory
{
    public static List<EpochRecord<TwoTaskLosses, TwoTaskMetrics>> Create() =>
    [
        new(1, new(2.0 / 3, 1.0 / 3, 2.0 / 3), null, TimeSpan.FromMilliseconds(1500)),
        new(2, new(0.5123456789012345, 0.25, 0.5246913578024690), Validation(0.3, 0.7, 0.65, 0.4, 0.55), TimeSpan.FromSeconds(2.25)),
        new(3, new(0.4, 0.2, 0.4), null, TimeSpan.FromSeconds(1)),
        new(4, new(1e-7, 5e-8, 1e-7), Validation(0.1, 0.9, 0.875, 0.2, double.NaN), TimeSpan.FromSeconds(3)),
    ];

    private static TwoTaskMetrics Validation(double shapeLoss, double accuracy, double macroF1, double maskLoss, double meanIoU)
        => new(new TaskMetrics("Shape", shapeLoss, Accuracy: accuracy, MacroF1: macroF1), new TaskMetrics("Mask", maskLoss, MeanIoU: meanIoU));

    /// <summary>The columns every export has for this history, in order.</summary>
    public static readonly string[] Columns =
    [
        "time/elapsed_seconds", "train/loss/total", "train/loss/Shape", "train/loss/Mask",
        "validation/loss/Shape", "validation/loss/Mask", "validation/Shape/Accuracy", "validation/Shape/MacroF1", "validation/Mask/MeanIoU",
    ];

    /// <summary>The value of <paramref name="column"/> in <paramref name="epoch"/>, read straight from the record; null when it has none.</summary>
    public static double? Expected(EpochRecord<TwoTaskLosses, TwoTaskMetrics> epoch, string column) => column switch
    {
        "time/elapsed_seconds" => epoch.Elapsed.TotalSeconds,
        "train/loss/total" => epoch.Train.Total,
        "train/loss/Shape" => epoch.Train.Shape,
        "train/loss/Mask" => epoch.Train.Mask,
        "validation/loss/Shape" => epoch.Validation?.Shape.Loss,
        "validation/loss/Mask" => epoch.Validation?.Mask.Loss,
        "validation/Shape/Accuracy" => epoch.Validation?.Shape.Accuracy,
        "validation/Shape/MacroF1" => epoch.Validation?.Shape.MacroF1,
        "validation/Mask/MeanIoU" => epoch.Validation?.Mask.MeanIoU,
        _ => throw new ArgumentException(column),
    };
}
