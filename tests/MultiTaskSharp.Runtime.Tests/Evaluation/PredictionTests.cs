using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Evaluation;

/// <summary>
/// The generated <c>Predict</c> decodes each head as its output kind says, in inference mode and without gradients,
/// over a tensor, a batch or a whole source. Expected values are computed here from the raw outputs by hand (softmax
/// and sigmoid written out, arg-max by comparison), not with the runtime's decoders.
/// </summary>
public sealed class PredictionTests
{
    [Fact]
    public void Each_head_is_decoded_as_its_output_kind_says()
    {
        Reproducibility.Seed(3);
        using var model = new PredictionModel();
        model.train(false);
        var x = randn(5, 4);
        using var noGrad = no_grad();
        var outputs = model.forward(x);

        var predictions = model.Predict(x);

        // Classes: the arg-max and the softmax, written out.
        var logits = outputs.Kind.to_type(ScalarType.Float64);
        var exp = (logits - logits.max(1, keepdim: true).values).exp();
        var softmax = exp / exp.sum(1, keepdim: true);
        Assert.True(predictions.Kind.Probabilities.to_type(ScalarType.Float64).allclose(softmax, rtol: 1e-5, atol: 1e-6));
        for (int i = 0; i < 5; i++)
        {
            var row = Enumerable.Range(0, 3).Select(c => logits[i, c].item<double>()).ToArray();
            Assert.Equal(Array.IndexOf(row, row.Max()), predictions.Kind.Class[i].item<long>());
        }

        // Multi-label: a label is on where its logit is positive; probabilities are 1 / (1 + e^−z).
        var tagLogits = outputs.Tags.to_type(ScalarType.Float64);
        Assert.True(predictions.Tags.Probabilities.to_type(ScalarType.Float64).allclose(1.0 / (1.0 + (-tagLogits).exp()), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(tagLogits.gt(0).data<bool>().ToArray(), predictions.Tags.Labels.data<bool>().ToArray());

        // Regression: the values as the head gives them.
        Assert.Equal(outputs.Size.data<float>().ToArray(), predictions.Size.Values.data<float>().ToArray());
        Assert.False(predictions.Kind.Probabilities.requires_grad);
    }

    [Fact]
    public void Prediction_runs_in_inference_mode_and_restores_training_mode()
    {
        Reproducibility.Seed(4);
        using var model = new PredictionModel();
        model.train(true);
        var x = randn(64, 4);

        var first = model.Predict(x);
        var second = model.Predict(x);

        // Dropout (p = 0.5) would make two training-mode passes differ almost surely.
        Assert.Equal(first.Size.Values.data<float>().ToArray(), second.Size.Values.data<float>().ToArray());
        Assert.True(model.training);
    }

    [Fact]
    public void Per_pixel_heads_give_a_class_per_pixel()
    {
        Reproducibility.Seed(5);
        using var model = new TinySceneModel();
        var images = randn(3, 1, 8, 8);

        var predictions = model.Predict(images);

        Assert.Equal(new long[] { 3, 8, 8 }, predictions.Mask.Class.shape);
        Assert.Equal(new long[] { 3, 2, 8, 8 }, predictions.Mask.Probabilities.shape);
        using var noGrad = no_grad();
        model.train(false);
        var logits = model.forward(images).Mask;
        // Two classes: class 1 exactly where its logit is the larger one.
        Assert.Equal(logits[.., 1].gt(logits[.., 0]).to_type(ScalarType.Int64).data<long>().ToArray(), predictions.Mask.Class.data<long>().ToArray());
        Assert.True(predictions.Mask.Probabilities.sum(1).allclose(ones(3, 8, 8), atol: 1e-5));
    }

    [Fact]
    public void A_batch_and_a_source_predict_what_their_inputs_predict()
    {
        Reproducibility.Seed(6);
        using var model = new PredictionModel();
        var x = randn(10, 4);
        var batch = new PredictionModel.Batch(x, new PredictionModel.Targets(
            Kind: zeros(10, dtype: int64), Tags: zeros(10, 2), Size: zeros(10, 1)));
        var whole = model.Predict(x);

        Assert.Equal(whole.Kind.Class.data<long>().ToArray(), model.Predict(batch).Kind.Class.data<long>().ToArray());

        // Batches of 4, 4 and 2, in order: one result per batch, together the whole set's predictions.
        var perBatch = model.Predict(new TensorBatches<PredictionModel.Batch>(batch, batchSize: 4)).ToList();
        Assert.Equal([4L, 4L, 2L], perBatch.Select(p => p.Kind.Class.shape[0]));
        Assert.Equal(whole.Kind.Class.data<long>().ToArray(), cat(perBatch.Select(p => p.Kind.Class).ToArray(), 0).data<long>().ToArray());
        Assert.True(whole.Size.Values.allclose(cat(perBatch.Select(p => p.Size.Values).ToArray(), 0), atol: 1e-6));
    }

    [Fact]
    public void A_null_source_is_rejected_before_enumeration()
    {
        using var model = new PredictionModel();
        Assert.Throws<ArgumentNullException>(() => model.Predict((IBatchSource<PredictionModel.Batch>)null!));
    }

    [Fact]
    public void A_source_of_inputs_only_predicts_like_its_inputs()
    {
        Reproducibility.Seed(6);
        using var model = new PredictionModel();
        var x = randn(10, 4);
        var whole = model.Predict(x);

        // No targets at all: a batch of inputs only, served in batches of 4, 4 and 2.
        var unlabelled = new TensorBatches<PredictionModel.Batch>(new PredictionModel.Batch(x), batchSize: 4);
        Assert.Equal(10, unlabelled.Count);
        var perBatch = model.Predict(unlabelled).ToList();
        Assert.Equal([4L, 4L, 2L], perBatch.Select(p => p.Kind.Class.shape[0]));
        Assert.Equal(whole.Kind.Class.data<long>().ToArray(), cat(perBatch.Select(p => p.Kind.Class).ToArray(), 0).data<long>().ToArray());
        Assert.True(whole.Size.Values.allclose(cat(perBatch.Select(p => p.Size.Values).ToArray(), 0), atol: 1e-6));
    }

    [Fact]
    public void Training_or_evaluating_a_batch_without_targets_says_the_targets_are_missing_never_calling_them_a_task()
    {
        using var model = new PredictionModel();
        var batch = new PredictionModel.Batch(randn(6, 4));
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var before = TorchAssert.Snapshot(model);
        var train = Assert.Throws<TaskDataException>(() => model.TrainStep(batch, optimizer));
        var evaluate = Assert.Throws<TaskDataException>(() => model.Evaluate([batch]));
        foreach (var error in new[] { train, evaluate })
        {
            Assert.Equal("Batch.Targets", error.Member);
            Assert.Equal("", error.Task);
            Assert.StartsWith("Batch.Targets: the batch has no targets (null)", error.Message);
            Assert.Contains("Predict", error.Message);
            Assert.DoesNotContain("Task '", error.Message);
        }
        TorchAssert.Unchanged(before, model);
    }

    [Fact]
    public void Targets_with_another_example_count_are_named_as_the_batchs_targets_not_as_a_task()
    {
        IBatch<PredictionModel.Batch> batch = new PredictionModel.Batch(randn(6, 4), new PredictionModel.Targets(
            Kind: zeros(5, dtype: int64), Tags: zeros(5, 2), Size: zeros(5, 1)));
        var error = Assert.Throws<TaskDataException>(() => batch.Count);
        Assert.Equal("Batch.Targets: has 5 examples but Batch.Input has 6; every member of a batch needs the same number of examples.", error.Message);
    }
}
