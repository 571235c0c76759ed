using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>
/// Missing targets (NaN floats, negative class indices, a false <c>present</c> flag) count in no metric and
/// not in the loss's mean; with nothing left to score every number is NaN, never 0.
/// </summary>
public sealed class MissingTargetTests
{
    private const MetricKind Errors = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError;
    private const MetricKind Decisions = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;

    [Fact]
    public void NaN_regression_targets_are_skipped_entry_by_entry()
    {
        // Prediction [[1, 2], [3, 4]], target [[NaN, 1], [5, NaN]]: present errors 1 and −2.
        using var accumulator = new TaskMetricAccumulator("Depth", Errors, OutputKind.Regression);
        accumulator.Update(
            tensor(new[] { 1f, 2f, 3f, 4f }).reshape(2, 2),
            tensor(new[] { float.NaN, 1f, 5f, float.NaN }).reshape(2, 2),
            tensor(2.5f));
        var result = accumulator.Result();
        Assert.Equal((1.0 + 4.0) / 2, result.MeanSquaredError!.Value, 12);
        Assert.Equal((1.0 + 2.0) / 2, result.MeanAbsoluteError!.Value, 12);
        Assert.Equal(2.5, result.Loss, 6);
    }

    [Fact]
    public void The_loss_mean_weights_each_batch_by_its_present_entries()
    {
        // Batch 1: loss 1 over 3 present entries (one NaN of 4); batch 2: loss 4 over 1 present entry of 2.
        // Mean over the 4 present entries: (3·1 + 1·4) / 4, not (1 + 4) / 2 nor weighted by examples.
        using var accumulator = new TaskMetricAccumulator("Depth", MetricKind.None, OutputKind.Regression);
        accumulator.Update(zeros(4, 1), tensor(new[] { 0f, float.NaN, 0f, 0f }).reshape(4, 1), tensor(1f));
        accumulator.Update(zeros(2, 1), tensor(new[] { float.NaN, 0f }).reshape(2, 1), tensor(4f));
        Assert.Equal(7.0 / 4, accumulator.Result().Loss, 12);
    }

    [Fact]
    public void A_batch_with_every_target_missing_adds_nothing_even_its_NaN_loss()
    {
        // A masked loss of a batch with no present entry is 0 / 0 = NaN; it must not poison the pass.
        using var accumulator = new TaskMetricAccumulator("Depth", Errors, OutputKind.Regression);
        accumulator.Update(tensor(new[] { 1f, 2f }), tensor(new[] { 2f, 2f }), tensor(0.5f));
        accumulator.Update(tensor(new[] { 7f, 9f }), full(2, float.NaN), tensor(float.NaN));
        var result = accumulator.Result();
        Assert.Equal(0.5, result.Loss, 12);
        Assert.Equal(0.5, result.MeanSquaredError!.Value, 12);
        Assert.Equal(0.5, result.MeanAbsoluteError!.Value, 12);
    }

    [Fact]
    public void A_NaN_prediction_is_not_a_missing_target_and_shows()
    {
        using var accumulator = new TaskMetricAccumulator("Depth", Errors, OutputKind.Regression);
        accumulator.Update(tensor(new[] { float.NaN, 2f }), tensor(new[] { 1f, 2f }), tensor(float.NaN));
        var result = accumulator.Result();
        Assert.True(double.IsNaN(result.MeanSquaredError!.Value));
        Assert.True(double.IsNaN(result.Loss));
    }

    [Fact]
    public void Negative_class_indices_of_any_value_are_missing_labels()
    {
        // Truth 0, −1, 1, −100, 1 against predictions 0, 1, 1, 0, 0: present pairs (0,0) (1,1) (1,0).
        //   class 0: TP 1, FP 1 → F1 2/3, IoU 1/2; class 1: TP 1, FN 1 → F1 2/3, IoU 1/2.
        using var accumulator = new TaskMetricAccumulator("Label", Decisions, OutputKind.Classes);
        accumulator.Update(Logits([0, 1, 1, 0, 0], 2), tensor(new long[] { 0, -1, 1, -100, 1 }), tensor(0.9f));
        var result = accumulator.Result();
        Assert.Equal(2.0 / 3, result.Accuracy!.Value, 12);
        Assert.Equal(2.0 / 3, result.MacroF1!.Value, 12);
        Assert.Equal(1.0 / 2, result.MeanIoU!.Value, 12);
        Assert.Equal(0.9, result.Loss, 6);
    }

    [Fact]
    public void Missing_pixels_and_a_per_example_present_mask_are_skipped()
    {
        // Two 1×3 masks, 2 classes. Example 1: truth 0, −1, 1 vs predicted 0, 1, 0. Example 2 is masked out
        // (present [[[true]], [[false]]], shape [2, 1, 1]) and would otherwise add three wrong pixels.
        // Present pixels: (0,0) (1,0) → accuracy 1/2; class 0 TP 1 FP 1 → IoU 1/2; class 1 FN 1 → IoU 0.
        using var accumulator = new TaskMetricAccumulator("Mask", MetricKind.Accuracy | MetricKind.MeanIoU, OutputKind.Pixels);
        var predicted = tensor(new long[] { 0, 1, 0, 1, 1, 1 }).reshape(2, 1, 3);
        var logits = nn.functional.one_hot(predicted, 2).permute(0, 3, 1, 2).to_type(ScalarType.Float32) * 4 - 2;
        var truth = tensor(new long[] { 0, -1, 1, 0, 0, 0 }).reshape(2, 1, 3);
        var present = tensor(new[] { true, false }).reshape(2, 1, 1);
        accumulator.Update(logits, truth, tensor(0.3f), present);
        var result = accumulator.Result();
        Assert.Equal(1.0 / 2, result.Accuracy!.Value, 12);
        Assert.Equal((1.0 / 2 + 0) / 2, result.MeanIoU!.Value, 12);
        Assert.Equal(0.3, result.Loss, 6);
    }

    [Fact]
    public void A_present_mask_of_one_flag_per_example_covers_every_value_of_the_example()
    {
        // Target [3, 2]; example 2 (errors 10 and 10) is flagged missing with a [3, 1] mask.
        using var accumulator = new TaskMetricAccumulator("Pose", Errors, OutputKind.Regression);
        var prediction = tensor(new[] { 1f, 1f, 10f, 10f, 0f, 0f }).reshape(3, 2);
        var target = tensor(new[] { 0f, 2f, 0f, 0f, 0f, 3f }).reshape(3, 2);
        accumulator.Update(prediction, target, tensor(0f), tensor(new[] { true, false, true }).reshape(3, 1));
        var result = accumulator.Result();
        Assert.Equal((1.0 + 1.0 + 0.0 + 9.0) / 4, result.MeanSquaredError!.Value, 12);
        Assert.Equal((1.0 + 1.0 + 0.0 + 3.0) / 4, result.MeanAbsoluteError!.Value, 12);
    }

    [Fact]
    public void A_present_mask_that_is_not_bool_or_does_not_broadcast_names_the_task_and_shapes()
    {
        using var accumulator = new TaskMetricAccumulator("Pose", Errors, OutputKind.Regression);
        var prediction = zeros(3, 2);
        var notBool = Assert.Throws<TaskDataException>(() => accumulator.Update(prediction, zeros(3, 2), tensor(0f), ones(3, 1)));
        Assert.Equal("Pose", notBool.Task);
        Assert.Contains("Bool", notBool.Message);
        Assert.Contains("Float32", notBool.Message);

        // [3] aligns with the trailing dimension 2 of [3, 2], as NumPy broadcasting does: a per-example mask must be [3, 1].
        var wrongShape = Assert.Throws<TaskDataException>(() => accumulator.Update(prediction, zeros(3, 2), tensor(0f), ones(3, ScalarType.Bool)));
        Assert.Contains("[3]", wrongShape.Message);
        Assert.Contains("[3, 2]", wrongShape.Message);
    }

    public static TheoryData<OutputKind, MetricKind> EveryKind => new()
    {
        { OutputKind.Regression, Errors },
        { OutputKind.Classes, Decisions },
        { OutputKind.Pixels, Decisions },
        { OutputKind.MultiLabel, Decisions },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Without_a_batch_every_number_is_NaN(OutputKind output, MetricKind metrics)
    {
        using var accumulator = new TaskMetricAccumulator("T", metrics, output);
        AssertAllNaN(accumulator.Result(), metrics);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void With_every_target_missing_every_number_is_NaN(OutputKind output, MetricKind metrics)
    {
        using var accumulator = new TaskMetricAccumulator("T", metrics, output);
        var (prediction, target) = output switch
        {
            OutputKind.Regression => (randn(4, 2), full(4, 2, float.NaN)),
            OutputKind.Classes => (randn(4, 3), full(4, -1L)),
            OutputKind.Pixels => (randn(4, 3, 2, 2), full(new long[] { 4, 2, 2 }, -100L)),
            _ => (randn(4, 3), full(4, 3, float.NaN)),
        };
        accumulator.Update(prediction, target, tensor(float.NaN));
        // The same again with valid targets that an all-false present mask removes.
        var valid = output is OutputKind.Regression or OutputKind.MultiLabel ? zeros_like(target) : zeros_like(target, ScalarType.Int64);
        accumulator.Update(prediction, valid, tensor(float.NaN), tensor(false));
        AssertAllNaN(accumulator.Result(), metrics);
    }

    private static void AssertAllNaN(TaskMetrics result, MetricKind metrics)
    {
        Assert.True(double.IsNaN(result.Loss), $"loss {result.Loss}");
        foreach (var metric in new[] { MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanIoU, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError })
        {
            var value = result.Get(metric);
            if (metrics.HasFlag(metric))
                Assert.True(value is double v && double.IsNaN(v), $"{metric} = {value}");
            else
                Assert.Null(value);
        }
    }

    private static Tensor Logits(long[] predicted, int classes)
        => nn.functional.one_hot(tensor(predicted), classes).to_type(ScalarType.Float32) * 4 - 2;
}
