using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Running sums of a <see cref="OutputKind.MultiLabel"/> output: a 2×2 confusion matrix per label. Sums layout
/// for K labels: per label [true negatives, false positives, false negatives, true positives], then one bin
/// that collects missing entries (never read).
/// </summary>
/// <remarks>
/// Labels are dimension 1 of the logits ([N, K], or [N, K, *] with more entries per label); logits [N] are a
/// single label. A label is predicted positive at logit &gt; 0 and is positive in the target above 0.5; a NaN
/// target entry is missing.
/// </remarks>
internal static class MultiLabelStatistics
{
    private const int TrueNegatives = 0, FalsePositives = 1, FalseNegatives = 2, TruePositives = 3;

    public static long Slots(long labels) => 4 * labels + 1;

    public static BatchStatistics Of(string task, Tensor prediction, Tensor target, Tensor? present)
    {
        long labels = prediction.dim() >= 2 ? prediction.shape[1] : 1;
        var presentAtTarget = PresentMask.NotNaN(task, target, present);
        var truth = TargetShapes.AsPrediction(task, target, prediction, "one 0/1 target per label").gt(0.5).to_type(ScalarType.Int64);
        var predicted = prediction.gt(0).to_type(ScalarType.Int64);
        var presentEntries = presentAtTarget.reshape(prediction.shape);

        // The label of every entry: arange(K) along dimension 1, broadcast over the others.
        var labelShape = new long[Math.Max(prediction.dim(), 1)];
        Array.Fill(labelShape, 1L);
        labelShape[prediction.dim() >= 2 ? 1 : 0] = labels;
        var label = arange(labels, ScalarType.Int64, prediction.device).reshape(labelShape);

        var bins = (label * 4 + truth * 2 + predicted)
            .masked_fill(presentEntries.bitwise_not(), 4 * labels)
            .flatten();
        var sums = zeros(Slots(labels), ScalarType.Float64, prediction.device)
            .index_add_(0, bins, ones(1, ScalarType.Float64, prediction.device).expand(bins.shape[0]), 1);
        return new BatchStatistics(presentAtTarget, sums, labels);
    }

    public static TaskMetrics Score(string task, MetricKind metrics, double loss, ReadOnlySpan<double> sums, long labels)
    {
        var perLabel = new DecisionCounts[labels];
        double correct = 0, scored = 0;
        for (long k = 0; k < labels; k++)
        {
            var counts = sums.Slice((int)(4 * k), 4);
            perLabel[k] = new DecisionCounts(counts[TruePositives], counts[FalsePositives], counts[FalseNegatives]);
            correct += counts[TruePositives] + counts[TrueNegatives];
            scored += counts[TruePositives] + counts[TrueNegatives] + counts[FalsePositives] + counts[FalseNegatives];
        }

        return new TaskMetrics(
            task,
            loss,
            Accuracy: metrics.HasFlag(MetricKind.Accuracy) ? Ratio.Of(correct, scored) : null,
            MacroF1: metrics.HasFlag(MetricKind.MacroF1) ? DecisionCounts.MeanOverOccurring(perLabel, c => c.F1) : null,
            MeanIoU: metrics.HasFlag(MetricKind.MeanIoU) ? DecisionCounts.MeanOverOccurring(perLabel, c => c.IoU) : null);
    }
}
