using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>
/// Multi-label metrics: element-wise accuracy, and per-label F1 and IoU of the positive class averaged over
/// labels (not pooled over every decision).
/// </summary>
public sealed class MultiLabelMetricsTests
{
    private const MetricKind All = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;

    // Four examples, three labels. Decisions (logit > 0) against targets:
    //   label 0: predicted 1 1 0 0, true 1 0 0 0 → TP 1, FP 1, FN 0 → F1 2/3, IoU 1/2
    //   label 1: predicted 1 1 1 1, true 1 1 1 0 → TP 3, FP 1, FN 0 → F1 6/7, IoU 3/4
    //   label 2: predicted 0 0 0 0, true 1 0 1 0 → TP 0, FP 0, FN 2 → F1 0,   IoU 0
    // Right decisions: label 0: 3, label 1: 3, label 2: 2 → accuracy 8/12.
    // Pooled over all 12 decisions F1 would be 2·4 / (2·4 + 2 + 2) = 2/3, not the macro mean (2/3 + 6/7 + 0) / 3.
    private static readonly float[,] Logits =
    {
        { 3f, 1f, -2f },
        { 0.5f, 2f, -1f },
        { -1f, 0.1f, -0.1f },
        { -4f, 1.5f, -3f },
    };

    private static readonly float[,] Targets =
    {
        { 1f, 1f, 1f },
        { 0f, 1f, 0f },
        { 0f, 1f, 1f },
        { 0f, 0f, 0f },
    };

    [Fact]
    public void Accuracy_macro_F1_and_mean_IoU_match_the_hand_calculation()
    {
        using var accumulator = new TaskMetricAccumulator("Tags", All, LossKind.BinaryCrossEntropyWithLogits);
        Assert.Equal(OutputKind.MultiLabel, accumulator.Output);
        accumulator.Update(tensor(Logits), tensor(Targets), tensor(0.6f));
        var result = accumulator.Result();
        Assert.Equal(8.0 / 12, result.Accuracy!.Value, 12);
        Assert.Equal((2.0 / 3 + 6.0 / 7 + 0) / 3, result.MacroF1!.Value, 12);
        Assert.Equal((1.0 / 2 + 3.0 / 4 + 0) / 3, result.MeanIoU!.Value, 12);
        Assert.Equal(0.6, result.Loss, 6);
    }

    [Fact]
    public void NaN_target_entries_are_skipped_per_label()
    {
        // Label 2's two false negatives become missing, and so does label 0's false positive:
        //   label 0: TP 1 → F1 1, IoU 1; label 1 unchanged; label 2: no positive left, left out of F1/IoU.
        //   Accuracy: 9 present decisions, right 3 (label 0) + 3 (label 1) + 2 (label 2) = 8.
        var targets = (float[,])Targets.Clone();
        targets[1, 0] = float.NaN;
        targets[0, 2] = float.NaN;
        targets[2, 2] = float.NaN;
        using var accumulator = new TaskMetricAccumulator("Tags", All, OutputKind.MultiLabel);
        accumulator.Update(tensor(Logits), tensor(targets), tensor(0.6f));
        var result = accumulator.Result();
        Assert.Equal(8.0 / 9, result.Accuracy!.Value, 12);
        Assert.Equal((1.0 + 6.0 / 7) / 2, result.MacroF1!.Value, 12);
        Assert.Equal((1.0 + 3.0 / 4) / 2, result.MeanIoU!.Value, 12);
    }

    [Fact]
    public void A_label_never_positive_in_targets_or_predictions_is_left_out_not_scored_zero()
    {
        // Label 1 is always negative and always predicted negative: F1 is 0 / 0 for it.
        // Label 0: TP 1, FN 1 → F1 2/3, IoU 1/2. Accuracy 3 of 4.
        using var accumulator = new TaskMetricAccumulator("Tags", All, OutputKind.MultiLabel);
        accumulator.Update(tensor(new[,] { { 1f, -1f }, { -1f, -2f } }), tensor(new[,] { { 1f, 0f }, { 1f, 0f } }), tensor(0f));
        var result = accumulator.Result();
        Assert.Equal(3.0 / 4, result.Accuracy!.Value, 12);
        Assert.Equal(2.0 / 3, result.MacroF1!.Value, 12);
        Assert.Equal(1.0 / 2, result.MeanIoU!.Value, 12);
    }

    [Fact]
    public void Metrics_over_random_batches_with_missing_entries_equal_a_naive_per_label_count()
    {
        var generator = new Generator(seed: 11);
        const int labels = 5;
        var batches = new List<(float[,] Logits, float[,] Targets)>();
        foreach (int size in new[] { 7, 1, 12 })
        {
            var logits = randn(new long[] { size, labels }, generator: generator);
            var draw = rand(new long[] { size, labels }, generator: generator);
            // About 10 % missing, and label 4 rarely positive so some batches never see it.
            var positive = draw.lt(tensor(new[] { 0.5f, 0.3f, 0.7f, 0.5f, 0.05f }));
            var targets = positive.to_type(ScalarType.Float32).masked_fill(rand(new long[] { size, labels }, generator: generator).lt(0.1), float.NaN);
            batches.Add((ToArray(logits), ToArray(targets)));
        }

        using var accumulator = new TaskMetricAccumulator("Tags", All, OutputKind.MultiLabel);
        foreach (var (logits, targets) in batches)
            accumulator.Update(tensor(logits), tensor(targets), tensor(0f));
        var result = accumulator.Result();

        var expected = NaiveReference(batches, labels);
        Assert.Equal(expected.Accuracy, result.Accuracy!.Value, 12);
        Assert.Equal(expected.MacroF1, result.MacroF1!.Value, 12);
        Assert.Equal(expected.MeanIoU, result.MeanIoU!.Value, 12);
    }

    /// <summary>Straight from the definitions, one decision at a time.</summary>
    private static (double Accuracy, double MacroF1, double MeanIoU) NaiveReference(List<(float[,] Logits, float[,] Targets)> batches, int labels)
    {
        var tp = new int[labels];
        var fp = new int[labels];
        var fn = new int[labels];
        int right = 0, present = 0;
        foreach (var (logits, targets) in batches)
        {
            for (int n = 0; n < logits.GetLength(0); n++)
            {
                for (int k = 0; k < labels; k++)
                {
                    if (float.IsNaN(targets[n, k]))
                        continue;
                    bool predicted = logits[n, k] > 0, truth = targets[n, k] > 0.5f;
                    present++;
                    if (predicted == truth) right++;
                    if (predicted && truth) tp[k]++;
                    if (predicted && !truth) fp[k]++;
                    if (!predicted && truth) fn[k]++;
                }
            }
        }
        var occurring = Enumerable.Range(0, labels).Where(k => tp[k] + fp[k] + fn[k] > 0).ToArray();
        return (
            (double)right / present,
            occurring.Average(k => 2.0 * tp[k] / (2.0 * tp[k] + fp[k] + fn[k])),
            occurring.Average(k => (double)tp[k] / (tp[k] + fp[k] + fn[k])));
    }

    private static float[,] ToArray(Tensor t)
    {
        var values = t.data<float>().ToArray();
        var array = new float[t.shape[0], t.shape[1]];
        Buffer.BlockCopy(values, 0, array, 0, values.Length * sizeof(float));
        return array;
    }
}
