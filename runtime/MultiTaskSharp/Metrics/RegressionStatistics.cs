using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Running sums of a <see cref="OutputKind.Regression"/> output. Sums layout: [squared error, absolute error],
/// each summed over the present entries. A NaN target entry is missing; a NaN prediction is not (it shows).
/// </summary>
internal static class RegressionStatistics
{
    public const int Slots = 2;

    public static BatchStatistics Of(string task, Tensor prediction, Tensor target, Tensor? present)
    {
        var presentAtTarget = PresentMask.NotNaN(task, target, present);
        var truth = TargetShapes.AsPrediction(task, target, prediction, "one target value per predicted value");
        var presentEntries = presentAtTarget.reshape(prediction.shape);

        var error = (prediction.to_type(ScalarType.Float64) - truth.to_type(ScalarType.Float64)).masked_fill(presentEntries.bitwise_not(), 0);
        // |e| as max(e, −e): the same value (NaN stays NaN), and unlike abs() it has a meta kernel (see PresentMask).
        var absolute = error.maximum(error.neg());
        var sums = stack([error.square().sum(), absolute.sum()]);
        return new BatchStatistics(presentAtTarget, sums, Categories: 0);
    }

    public static TaskMetrics Score(string task, MetricKind metrics, double loss, double present, ReadOnlySpan<double> sums)
    {
        double squared = sums.IsEmpty ? 0 : sums[0];
        double absolute = sums.IsEmpty ? 0 : sums[1];
        return new TaskMetrics(
            task,
            loss,
            MeanSquaredError: metrics.HasFlag(MetricKind.MeanSquaredError) ? Ratio.Of(squared, present) : null,
            MeanAbsoluteError: metrics.HasFlag(MetricKind.MeanAbsoluteError) ? Ratio.Of(absolute, present) : null);
    }
}
