using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>Class, pixel and regression metrics on small cases worked out by hand.</summary>
public sealed class TaskMetricAccumulatorTests
{
    // Ten examples, three classes. (truth, predicted) pairs:
    //   class 0: TP at 0, 2; FN at 1 (predicted 1); FP at 7 (truth 2)   → F1 = 2·2 / (2·2 + 1 + 1) = 4/6
    //   class 1: TP at 3, 9; FN at 4 (predicted 2); FP at 1 (truth 0)   → F1 = 4/6
    //   class 2: TP at 5, 6, 8; FN at 7 (predicted 0); FP at 4 (truth 1) → F1 = 6/8
    // Accuracy 7/10, macro-F1 (2/3 + 2/3 + 3/4) / 3.
    private static readonly long[] Truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1];
    private static readonly long[] Predicted = [0, 1, 0, 1, 2, 2, 2, 0, 2, 1];
    private const double ExpectedMacroF1 = (2.0 / 3 + 2.0 / 3 + 3.0 / 4) / 3;

    // A 2×3 mask, three classes. Pixels (truth, predicted): (0,0) (1,1) (2,1) / (2,2) (2,2) (0,0)
    //   IoU class 0: 2 / 2; class 1: 1 / (1 + 1 FP); class 2: 2 / (2 + 1 FN) → mean (1 + 1/2 + 2/3) / 3.
    private static readonly long[,] MaskTruth = { { 0, 1, 2 }, { 2, 2, 0 } };
    private static readonly long[,] MaskPredicted = { { 0, 1, 1 }, { 2, 2, 0 } };
    private const double ExpectedMeanIoU = (1.0 + 1.0 / 2 + 2.0 / 3) / 3;

    /// <summary>Logits [N, C] whose arg-max is <paramref name="predicted"/>.</summary>
    private static Tensor Logits(long[] predicted, int classes)
        => nn.functional.one_hot(tensor(predicted), classes).to_type(ScalarType.Float32) * 4 - 2;

    /// <summary>Per-pixel logits [1, C, H, W] whose arg-max over C is <paramref name="predicted"/>.</summary>
    private static Tensor MaskLogits(long[,] predicted, int classes)
        => nn.functional.one_hot(tensor(predicted).unsqueeze(0), classes).permute(0, 3, 1, 2).to_type(ScalarType.Float32) * 4 - 2;

    private static TaskMetrics Classify(long[] truth, long[] predicted, int classes, MetricKind metrics)
    {
        var accumulator = new TaskMetricAccumulator("Label", metrics, LossKind.CrossEntropy);
        accumulator.Update(Logits(predicted, classes), tensor(truth), tensor(0.5f));
        return accumulator.Result();
    }

    [Fact]
    public void Accuracy_and_macro_F1_match_the_hand_calculation()
    {
        var result = Classify(Truth, Predicted, 3, MetricKind.Accuracy | MetricKind.MacroF1);
        Assert.Equal("Label", result.Task);
        Assert.Equal(0.7, result.Accuracy!.Value, 12);
        Assert.Equal(ExpectedMacroF1, result.MacroF1!.Value, 12);
        Assert.Equal(0.5, result.Loss, 6);
        Assert.Null(result.MeanIoU);
        Assert.Null(result.MeanSquaredError);
    }

    [Fact]
    public void Ignore_index_targets_count_in_no_class_metric()
    {
        // The same ten examples plus two marked -100 (PyTorch's ignore index) whose predictions would be "wrong".
        long[] truth = [.. Truth, -100, -100];
        long[] predicted = [.. Predicted, 2, 0];
        var result = Classify(truth, predicted, 3, MetricKind.Accuracy | MetricKind.MacroF1);
        Assert.Equal(0.7, result.Accuracy!.Value, 12);
        Assert.Equal(ExpectedMacroF1, result.MacroF1!.Value, 12);
    }

    [Fact]
    public void Mean_IoU_of_a_segmentation_mask_matches_the_hand_calculation()
    {
        var accumulator = new TaskMetricAccumulator("Mask", MetricKind.MeanIoU | MetricKind.Accuracy, LossKind.PixelCrossEntropy);
        accumulator.Update(MaskLogits(MaskPredicted, 3), tensor(MaskTruth).unsqueeze(0), tensor(1f));
        var result = accumulator.Result();
        Assert.Equal(ExpectedMeanIoU, result.MeanIoU!.Value, 12);
        Assert.Equal(5.0 / 6, result.Accuracy!.Value, 12);
    }

    [Fact]
    public void Classes_absent_from_targets_and_predictions_are_left_out()
    {
        // The same decisions scored with five logits: classes 3 and 4 never occur, so the averages stay.
        var result = Classify(Truth, Predicted, 5, MetricKind.MacroF1 | MetricKind.MeanIoU);
        Assert.Equal(ExpectedMacroF1, result.MacroF1!.Value, 12);

        var accumulator = new TaskMetricAccumulator("Mask", MetricKind.MeanIoU, LossKind.PixelCrossEntropy);
        accumulator.Update(MaskLogits(MaskPredicted, 6), tensor(MaskTruth).unsqueeze(0), tensor(1f));
        Assert.Equal(ExpectedMeanIoU, accumulator.Result().MeanIoU!.Value, 12);
    }

    [Fact]
    public void A_class_only_predicted_counts_with_score_zero()
    {
        // Truth is all class 0, one example predicted as class 1: class 1 is present (a false positive).
        var result = Classify([0, 0, 0, 0], [0, 0, 0, 1], 3, MetricKind.MacroF1 | MetricKind.MeanIoU);
        Assert.Equal((2.0 * 3 / (2.0 * 3 + 1) + 0) / 2, result.MacroF1!.Value, 12);
        Assert.Equal((3.0 / 4 + 0) / 2, result.MeanIoU!.Value, 12);
    }

    [Fact]
    public void Mean_squared_and_absolute_error_match_the_hand_calculation()
    {
        // Differences −0.5, 0, 1, −2: squares sum to 5.25, absolute values to 3.5.
        var accumulator = new TaskMetricAccumulator("Depth", MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError, LossKind.MeanSquaredError);
        accumulator.Update(tensor(new[] { 1f, 2f, 3f, 4f }).reshape(4, 1), tensor(new[] { 1.5f, 2f, 2f, 6f }).reshape(4, 1), tensor(1.3125f));
        var result = accumulator.Result();
        Assert.Equal(5.25 / 4, result.MeanSquaredError!.Value, 12);
        Assert.Equal(3.5 / 4, result.MeanAbsoluteError!.Value, 12);
        Assert.Null(result.Accuracy);
    }

    [Fact]
    public void Multi_label_accuracy_scores_every_label_at_logit_zero()
    {
        // Decisions [[1,0,1],[0,1,0]] against [[1,0,0],[0,1,1]]: 4 of 6 labels right.
        var accumulator = new TaskMetricAccumulator("Tags", MetricKind.Accuracy, LossKind.BinaryCrossEntropyWithLogits);
        var logits = tensor(new[] { 2f, -1f, 0.5f, -3f, 1f, -0.2f }).reshape(2, 3);
        var labels = tensor(new[] { 1f, 0f, 0f, 0f, 1f, 1f }).reshape(2, 3);
        accumulator.Update(logits, labels, tensor(0.7f));
        Assert.Equal(4.0 / 6, accumulator.Result().Accuracy!.Value, 12);
    }

    [Fact]
    public void Two_batches_accumulate_to_the_result_of_one_batch_of_both()
    {
        const MetricKind all = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;
        var whole = Classify(Truth, Predicted, 3, all);

        var split = new TaskMetricAccumulator("Label", all, LossKind.CrossEntropy);
        split.Update(Logits(Predicted[..4], 3), tensor(Truth[..4]), tensor(0.2f));
        split.Update(Logits(Predicted[4..], 3), tensor(Truth[4..]), tensor(0.8f));
        var parts = split.Result();

        Assert.Equal(whole.Accuracy!.Value, parts.Accuracy!.Value, 12);
        Assert.Equal(whole.MacroF1!.Value, parts.MacroF1!.Value, 12);
        Assert.Equal(whole.MeanIoU!.Value, parts.MeanIoU!.Value, 12);
        Assert.Equal((4 * 0.2 + 6 * 0.8) / 10, parts.Loss, 6); // batch means weighted by their examples
    }

    [Fact]
    public void The_loss_is_the_mean_over_examples_whatever_the_batch_sizes()
    {
        // Batch means 1 (4 examples) and 4 (2 examples): the mean over the 6 examples is 2, not (1 + 4) / 2.
        var accumulator = new TaskMetricAccumulator("Depth", MetricKind.None, LossKind.MeanSquaredError);
        accumulator.Update(zeros(4, 1), zeros(4, 1), tensor(1f));
        accumulator.Update(zeros(2, 1), zeros(2, 1), tensor(4f));
        Assert.Equal(2.0, accumulator.Result().Loss, 12);
    }

    [Fact]
    public void Two_regression_batches_accumulate_to_the_result_of_one_batch_of_both()
    {
        var generator = new Generator(seed: 5);
        var prediction = randn(new long[] { 10, 2 }, generator: generator);
        var target = randn(new long[] { 10, 2 }, generator: generator);
        const MetricKind metrics = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError;

        var whole = new TaskMetricAccumulator("Depth", metrics, LossKind.MeanSquaredError);
        whole.Update(prediction, target, tensor(0f));
        var split = new TaskMetricAccumulator("Depth", metrics, LossKind.MeanSquaredError);
        split.Update(prediction[..3], target[..3], tensor(0f));
        split.Update(prediction[3..], target[3..], tensor(0f));

        Assert.Equal(whole.Result().MeanSquaredError!.Value, split.Result().MeanSquaredError!.Value, 10);
        Assert.Equal(whole.Result().MeanAbsoluteError!.Value, split.Result().MeanAbsoluteError!.Value, 10);
        Assert.Equal(nn.functional.mse_loss(prediction, target).item<float>(), whole.Result().MeanSquaredError!.Value, 5);
    }

    [Fact]
    public void Without_batches_the_results_are_not_a_number()
    {
        var result = new TaskMetricAccumulator("Label", MetricKind.Accuracy | MetricKind.MacroF1, LossKind.CrossEntropy).Result();
        Assert.True(double.IsNaN(result.Loss));
        Assert.True(double.IsNaN(result.Accuracy!.Value));
        Assert.True(double.IsNaN(result.MacroF1!.Value));
    }

    [Fact]
    public void A_target_count_that_does_not_match_the_predictions_names_the_task()
    {
        var accumulator = new TaskMetricAccumulator("Label", MetricKind.Accuracy, LossKind.CrossEntropy);
        var error = Assert.Throws<TaskDataException>(() => accumulator.Update(Logits(Predicted, 3), tensor(Truth[..6]), tensor(0f)));
        Assert.Equal("Label", error.Task);
        Assert.Contains("10", error.Message);
        Assert.Contains("6", error.Message);
    }

    [Fact]
    public void A_single_logit_head_is_a_binary_classifier_at_logit_zero()
    {
        // Logits 2, −1, −0.5, 0.3, 0.1 decide 1, 0, 0, 1, 1 against the truth 1, 0, 1, 1, 0:
        //   class 1: TP at 0, 3; FN at 2; FP at 4 → F1 = 4/6, IoU = 2/4
        //   class 0: TP at 1; FN at 4; FP at 2     → F1 = 2/4, IoU = 1/3
        const MetricKind all = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;
        float[] logits = [2f, -1f, -0.5f, 0.3f, 0.1f];
        long[] truth = [1, 0, 1, 1, 0];
        foreach (var shape in new[] { new long[] { 5 }, new long[] { 5, 1 } })
        {
            using var accumulator = new TaskMetricAccumulator("Spam", all, OutputKind.Classes);
            accumulator.Update(tensor(logits).reshape(shape), tensor(truth), tensor(0.4f));
            var result = accumulator.Result();
            Assert.Equal(3.0 / 5, result.Accuracy!.Value, 12);
            Assert.Equal((4.0 / 6 + 2.0 / 4) / 2, result.MacroF1!.Value, 12);
            Assert.Equal((2.0 / 4 + 1.0 / 3) / 2, result.MeanIoU!.Value, 12);
        }
    }

    [Fact]
    public void A_class_absent_from_a_batch_is_scored_over_the_whole_pass()
    {
        // Batch 1 has only classes 0 and 1 (truth and predictions); class 2 appears only in batch 2.
        // Over both: class 0 TP 2; class 1 TP 1, FN 1 (predicted 2); class 2 TP 1, FP 1
        //   F1 = 1, 2/3, 2/3 → mean 7/9; a per-batch average would give a different number.
        using var accumulator = new TaskMetricAccumulator("Label", MetricKind.MacroF1 | MetricKind.Accuracy, OutputKind.Classes);
        accumulator.Update(Logits([0, 1, 0], 3), tensor(new long[] { 0, 1, 0 }), tensor(0f));
        accumulator.Update(Logits([2, 2], 3), tensor(new long[] { 2, 1 }), tensor(0f));
        var result = accumulator.Result();
        Assert.Equal((1.0 + 2.0 / 3 + 2.0 / 3) / 3, result.MacroF1!.Value, 12);
        Assert.Equal(4.0 / 5, result.Accuracy!.Value, 12);
    }

    [Fact]
    public void A_class_index_beyond_the_logits_is_a_data_error_named_in_the_result()
    {
        using var accumulator = new TaskMetricAccumulator("Label", MetricKind.Accuracy, LossKind.CrossEntropy);
        accumulator.Update(Logits([0, 1, 2], 3), tensor(new long[] { 0, 3, 7 }), tensor(0f));
        var error = Assert.Throws<TaskDataException>(() => accumulator.Result());
        Assert.Equal("Label", error.Task);
        Assert.Equal("Targets.Label", error.Member);
        Assert.Contains("2 target class indices", error.Message);
        Assert.Contains("[0, 3)", error.Message);
    }

    [Fact]
    public void Reading_the_result_twice_or_between_batches_gives_the_running_result()
    {
        const MetricKind all = MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;
        var whole = Classify(Truth, Predicted, 3, all);

        using var accumulator = new TaskMetricAccumulator("Label", all, LossKind.CrossEntropy);
        accumulator.Update(Logits(Predicted[..4], 3), tensor(Truth[..4]), tensor(0.5f));
        var early = accumulator.Result();
        Assert.Equal(early, accumulator.Result());
        accumulator.Update(Logits(Predicted[4..], 3), tensor(Truth[4..]), tensor(0.5f));
        var late = accumulator.Result();

        Assert.Equal(3.0 / 4, early.Accuracy!.Value, 12); // truth 0 0 0 1, predicted 0 1 0 1
        Assert.Equal(whole.Accuracy!.Value, late.Accuracy!.Value, 12);
        Assert.Equal(whole.MacroF1!.Value, late.MacroF1!.Value, 12);
        Assert.Equal(whole.MeanIoU!.Value, late.MeanIoU!.Value, 12);
    }

    [Fact]
    public void A_change_in_the_number_of_classes_between_batches_names_the_task()
    {
        using var accumulator = new TaskMetricAccumulator("Label", MetricKind.Accuracy, LossKind.CrossEntropy);
        accumulator.Update(Logits([0, 1], 3), tensor(new long[] { 0, 1 }), tensor(0f));
        var error = Assert.Throws<TaskDataException>(() => accumulator.Update(Logits([0, 1], 4), tensor(new long[] { 0, 1 }), tensor(0f)));
        Assert.Equal("Label", error.Task);
        Assert.Contains("3 then 4", error.Message);
    }

    [Fact]
    public void Printing_leaves_out_undeclared_metrics()
    {
        var text = Classify(Truth, Predicted, 3, MetricKind.Accuracy).ToString();
        Assert.Contains("Accuracy = 0.7", text);
        Assert.DoesNotContain("MacroF1", text);
        Assert.True(new[] { "Task = Label", "Loss = 0.5" }.All(text.Contains), text);
    }
}
