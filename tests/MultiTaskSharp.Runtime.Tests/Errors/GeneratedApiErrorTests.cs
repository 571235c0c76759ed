using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Errors;

/// <summary>Bad batches fail through the generated API with errors that name the culprit, before anything is updated.</summary>
public sealed class GeneratedApiErrorTests
{
    private readonly TwoHeadModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly TwoHeadModel.Batch _batch = TwoHeadData.Create(16);

    public GeneratedApiErrorTests()
    {
        Reproducibility.Seed(8);
        _model = new TwoHeadModel();
        _optimizer = optim.Adam(_model.parameters(), 0.01);
        _model.TrainStep(_batch, _optimizer); // optimizer state exists, so a wrong step would move parameters
    }

    [Fact]
    public void A_target_of_the_wrong_shape_fails_the_step_and_changes_no_parameter()
    {
        var before = TorchAssert.Snapshot(_model);
        var broken = _batch with { Targets = _batch.Targets! with { Size = _batch.Targets.Size.squeeze(1) } };

        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(broken, _optimizer));
        Assert.Equal("Size", error.Task);
        Assert.Equal("Targets.Size", error.Member);
        Assert.Contains("[16, 1]", error.Message);
        Assert.Contains("[16]", error.Message);
        TorchAssert.Unchanged(before, _model);

        _model.TrainStep(_batch, _optimizer); // the model is still usable, and this step does move parameters
        Assert.Contains(_model.named_parameters(), p => !before[p.name].eq(p.parameter).all().item<bool>());
    }

    [Fact]
    public void A_class_target_of_the_wrong_type_fails_the_step_and_changes_no_parameter()
    {
        var before = TorchAssert.Snapshot(_model);
        var broken = _batch with { Targets = _batch.Targets! with { Kind = _batch.Targets.Kind.to_type(ScalarType.Int32) } };
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(broken, _optimizer));
        Assert.Equal("Kind", error.Task);
        Assert.Contains("Int32", error.Message);
        TorchAssert.Unchanged(before, _model);
    }

    [Fact]
    public void A_missing_target_names_the_task()
    {
        var before = TorchAssert.Snapshot(_model);
        var broken = _batch with { Targets = _batch.Targets! with { Kind = null! } };
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(broken, _optimizer));
        Assert.Equal("Kind", error.Task);
        Assert.Equal("Targets.Kind", error.Member);
        Assert.Contains("missing", error.Message);
        TorchAssert.Unchanged(before, _model);
    }

    [Fact]
    public void Input_and_targets_with_different_example_counts_fail_the_step_before_any_update()
    {
        var before = TorchAssert.Snapshot(_model);
        var broken = _batch with { Input = _batch.Input[..12] };
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(broken, _optimizer));
        Assert.Equal("Batch.Targets", error.Member);
        Assert.Contains("16 examples", error.Message);
        Assert.Contains("Batch.Input has 12", error.Message);
        TorchAssert.Unchanged(before, _model);
    }

    [Fact]
    public void Input_and_targets_with_different_example_counts_are_named_by_the_batch()
    {
        IBatch<TwoHeadModel.Batch> broken = _batch with { Input = _batch.Input[..12] };
        var error = Assert.Throws<TaskDataException>(() => broken.Count);
        Assert.Equal("Batch.Targets", error.Member);
        Assert.Contains("16 examples", error.Message);
        Assert.Contains("Batch.Input has 12", error.Message);
    }

    [Fact]
    public void Evaluate_rejects_a_bad_batch_naming_the_task_and_restores_training_mode()
    {
        var broken = _batch with { Targets = _batch.Targets! with { Size = _batch.Targets.Size.squeeze(1) } };
        _model.train(true);
        var error = Assert.Throws<TaskDataException>(() => _model.Evaluate([broken]));
        Assert.Equal("Size", error.Task);
        Assert.True(_model.training);
    }

    [Fact]
    public void A_custom_loss_method_that_returns_a_non_scalar_is_named()
    {
        var model = new CustomLossModel { Reduce = false };
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var batch = new CustomLossModel.Batch(randn(8, 3), new CustomLossModel.Targets(randn(8, 1)));
        var before = TorchAssert.Snapshot(model);

        var error = Assert.Throws<TaskDataException>(() => model.TrainStep(batch, optimizer));
        Assert.Equal("Value", error.Task);
        Assert.Equal("SquaredError", error.Member);
        Assert.Contains("SquaredError", error.Message);
        Assert.Contains("scalar", error.Message);
        Assert.Contains("[8, 1]", error.Message);
        TorchAssert.Unchanged(before, model);
    }

    [Fact]
    public void A_custom_loss_method_that_returns_a_scalar_is_used()
    {
        var model = new CustomLossModel();
        var batch = new CustomLossModel.Batch(randn(8, 3), new CustomLossModel.Targets(randn(8, 1)));
        var outputs = model.forward(batch.Input);
        var losses = model.ComputeLosses(outputs, batch.Targets!);
        TorchAssert.AllClose(nn.functional.mse_loss(outputs.Value, batch.Targets!.Value), losses.Total, "custom loss");
    }

    [Fact]
    public void A_custom_loss_method_with_a_missing_target_names_the_task()
    {
        var model = new CustomLossModel();
        var batch = new CustomLossModel.Batch(randn(8, 3), new CustomLossModel.Targets(null!));
        var error = Assert.Throws<TaskDataException>(() => model.TrainStep(batch, optim.SGD(model.parameters(), 0.1)));
        Assert.Equal("Value", error.Task);
        Assert.Equal("Targets.Value", error.Member);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void A_batch_whose_counts_a_custom_loss_would_broadcast_is_rejected_before_the_step()
    {
        // (prediction [8, 1] - target [1, 1]) broadcasts without complaint; the step's batch check must not let it train.
        var model = new CustomLossModel();
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var batch = new CustomLossModel.Batch(randn(8, 3), new CustomLossModel.Targets(randn(1, 1)));
        var before = TorchAssert.Snapshot(model);

        var error = Assert.Throws<TaskDataException>(() => model.TrainStep(batch, optimizer));
        Assert.Equal("Batch.Targets", error.Member);
        Assert.Contains("1 examples", error.Message);
        Assert.Contains("8", error.Message);
        TorchAssert.Unchanged(before, model);
    }

    [Fact]
    public void A_loss_weighting_for_another_number_of_tasks_is_rejected()
    {
        var error = Assert.Throws<System.ArgumentException>(() => _model.LossWeighting = new FixedLossWeights(1, 1, 1));
        Assert.Contains("Kind, Size", error.Message);
    }

    [Fact]
    public void A_replaced_loss_weighting_is_used()
    {
        _model.LossWeighting = new FixedLossWeights(0, 2);
        var losses = _model.ComputeLosses(_model.forward(_batch.Input), _batch.Targets!);
        TorchAssert.AllClose(2 * losses.Size.Unweighted, losses.Total, "total with weights (0, 2)");
        Assert.Equal(0, losses.Kind.Weighted.item<float>());
        Assert.Equal(new[] { 0.0, 2.0 }, ((FixedLossWeights)_model.LossWeighting).Weights.ToArray());
    }
}
