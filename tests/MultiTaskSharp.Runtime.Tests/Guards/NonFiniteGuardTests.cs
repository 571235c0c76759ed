using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Guards;

/// <summary>
/// A non-finite input, target or loss, or a class label out of range, stops the step before the optimizer touches the
/// parameters (and batch-norm statistics are restored), with an error naming the task or input, the member, the
/// example, and in Fit the epoch and batch; or, on request, the batch is skipped and counted.
/// </summary>
public sealed class NonFiniteGuardTests
{
    private const int N = 16;
    private readonly BatchNormModel _model;
    private readonly optim.Optimizer _optimizer;

    public NonFiniteGuardTests()
    {
        Reproducibility.Seed(3);
        _model = new BatchNormModel();
        _optimizer = optim.Adam(_model.parameters(), 0.01);
        _model.TrainStep(Batch(), _optimizer); // Adam has state: a step that got through would move every parameter
    }

    private static BatchNormModel.Batch Batch(ulong seed = 5)
    {
        using var g = new Generator(seed);
        return new BatchNormModel.Batch(randn([N, 4], generator: g), new BatchNormModel.Targets(randint(0, 3, [N], generator: g), randn([N, 1], generator: g)));
    }

    private static Tensor Buffer(nn.Module model, string name) => model.named_buffers().Single(b => b.name == name).buffer.detach().clone();

    [Fact]
    public void A_NaN_input_stops_the_step_naming_the_input_and_the_example_and_changes_nothing()
    {
        var batch = Batch();
        batch.Input[3, 1] = float.NaN;
        var parameters = TorchAssert.Snapshot(_model);
        var runningMean = Buffer(_model, "trunk.1.running_mean");

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(batch, _optimizer));

        Assert.True(error.IsInput);
        Assert.Equal("X", error.Task);
        Assert.Equal("Batch.Input", error.Member);
        Assert.StartsWith("Input 'X': Batch.Input: has 1 non-finite value(s) (NaN in example 3 first)", error.Message);
        TorchAssert.Unchanged(parameters, _model);
        TorchAssert.AllClose(runningMean, Buffer(_model, "trunk.1.running_mean"), "batch-norm running mean", 0, 0);
    }

    [Fact]
    public void An_infinite_regression_target_names_the_task_and_member()
    {
        var batch = Batch();
        batch.Targets.Size[9, 0] = float.PositiveInfinity;
        var parameters = TorchAssert.Snapshot(_model);

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(batch, _optimizer));

        Assert.Equal("Size", error.Task);
        Assert.Equal("Targets.Size", error.Member);
        Assert.Contains("∞ in example 9", error.Message.Replace("Infinity", "∞"));
        TorchAssert.Unchanged(parameters, _model);
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(-1L)]
    public void A_class_label_out_of_range_gives_the_range_and_the_value_instead_of_a_libtorch_trace(long label)
    {
        var batch = Batch();
        batch.Targets.Kind[6] = label;
        var parameters = TorchAssert.Snapshot(_model);

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(batch, _optimizer));

        Assert.Equal("Kind", error.Task);
        Assert.Equal("Targets.Kind", error.Member);
        Assert.StartsWith($"Task 'Kind': Targets.Kind: holds class {label} (example 6), but the head predicts 3 classes: labels must be in [0, 3).", error.Message);
        TorchAssert.Unchanged(parameters, _model);
    }

    [Fact]
    public void A_negative_label_suggests_AllowMissing()
    {
        // 0.1.0 skipped -100 labels (libtorch's ignore index); the error now says how to keep that meaning.
        var batch = Batch();
        batch.Targets.Kind[2] = -100L;

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(batch, _optimizer));

        Assert.EndsWith("labels must be in [0, 3). If -100 marks a missing label (PyTorch's ignore_index), declare the head with AllowMissing = true.", error.Message);
    }

    [Fact]
    public void A_label_above_the_range_does_not_suggest_AllowMissing()
    {
        var batch = Batch();
        batch.Targets.Kind[2] = 3L;

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(batch, _optimizer));

        Assert.DoesNotContain("AllowMissing", error.Message);
    }

    [Fact]
    public void Fit_names_the_epoch_and_batch_of_the_bad_batch()
    {
        var bad = Batch(7);
        bad.Input[0, 0] = float.NaN;
        var source = new EpochSource<BatchNormModel.Batch>(epoch => epoch == 2 ? [Batch(1), Batch(2), bad, Batch(3)] : [Batch(1), Batch(2), Batch(3), Batch(4)], 4);

        var error = Assert.Throws<TaskDataException>(() => _model.Fit(source, _optimizer, new FitOptions { Epochs = 3 }));

        Assert.EndsWith("(epoch 2, batch 3)", error.Message);
        Assert.Equal("X", error.Task);
    }

    [Fact]
    public void Skipping_invalid_batches_trains_on_the_rest_and_counts_them()
    {
        var bad = Batch(7);
        bad.Targets.Kind[0] = 9;
        var source = new EpochSource<BatchNormModel.Batch>(epoch => epoch == 2 ? [Batch(1), bad, Batch(3)] : [Batch(1), Batch(2), Batch(3)], 3);

        var history = _model.Fit(source, _optimizer, new FitOptions { Epochs = 3, Step = new TrainStepOptions { SkipInvalidBatches = true } });

        Assert.Equal([0, 1, 0], history.Select(e => e.SkippedBatches));
        Assert.All(_model.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
        Assert.True(double.IsFinite(history[1].Train.Total));
    }

    [Fact]
    public void Without_the_check_a_NaN_trains_into_the_weights_as_in_plain_TorchSharp()
    {
        var batch = Batch();
        batch.Input[0, 0] = float.NaN;
        var values = _model.TrainStep(batch, _optimizer, new TrainStepOptions { CheckFinite = false });
        Assert.True(double.IsNaN(values.Total));
        Assert.Contains(_model.parameters(), p => !p.isfinite().all().item<bool>());
    }
}
