using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Guards;

/// <summary>Inputs that contradict the declaration, empty batches and empty evaluations fail with errors that say so.</summary>
public sealed class BatchErrorTests
{
    private readonly BatchNormModel _model;
    private readonly optim.Optimizer _optimizer;

    public BatchErrorTests()
    {
        Reproducibility.Seed(4);
        _model = new BatchNormModel();
        _optimizer = optim.SGD(_model.parameters(), 0.1);
    }

    private static BatchNormModel.Batch Batch(long count, long features = 4)
    {
        using var g = new Generator(2);
        return new BatchNormModel.Batch(randn([count, features], generator: g), new BatchNormModel.Targets(randint(0, 3, [count], generator: g), randn([count, 1], generator: g)));
    }

    [Fact]
    public void An_input_whose_examples_contradict_the_declared_shape_names_both_shapes()
    {
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(Batch(8, features: 5), _optimizer));
        Assert.True(error.IsInput);
        Assert.Equal("Input 'X': input: the model declares examples of shape [4] ([ModelInput]), so a batch is [N, 4], but got [8, 5].", error.Message);
    }

    [Fact]
    public void A_float64_input_is_converted_to_the_parameters_precision()
    {
        _model.eval();
        var batch = Batch(8);
        var asFloat = _model.forward(batch.Input);
        var asDouble = _model.forward(batch.Input.to_type(ScalarType.Float64));
        TorchAssert.AllClose(asFloat.Kind, asDouble.Kind, "Kind logits from a float64 input");
        Assert.Equal(ScalarType.Float32, asDouble.Kind.dtype);
    }

    [Fact]
    public void An_empty_batch_is_an_error_not_a_NaN_loss()
    {
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(Batch(0), _optimizer));
        Assert.Contains("has no examples", error.Message);
    }

    [Fact]
    public void Evaluating_nothing_is_an_error_not_a_perfect_score()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _model.Evaluate(Array.Empty<BatchNormModel.Batch>()));
        Assert.Contains("no batches", error.Message);
    }

    [Fact]
    public void Evaluating_a_label_out_of_range_names_the_task_and_the_batch()
    {
        var bad = Batch(8);
        bad.Targets!.Kind[2] = 7;
        var error = Assert.Throws<TaskDataException>(() => _model.Evaluate([Batch(8), bad]));
        Assert.Equal("Kind", error.Task);
        Assert.Equal("Targets.Kind", error.Member);
        Assert.Equal("Task 'Kind': Targets.Kind: evaluation batch 2 holds class 7 (example 2), but the head predicts 3 classes: labels must be in [0, 3).", error.Message);
    }

    [Fact]
    public void Evaluating_a_non_finite_input_names_the_input_the_value_and_the_example()
    {
        var bad = Batch(8);
        bad.Input[5, 1] = float.PositiveInfinity;
        var error = Assert.Throws<TaskDataException>(() => _model.Evaluate([bad, Batch(8)]));
        Assert.True(error.IsInput);
        Assert.Equal("Input 'X': Batch.Input: evaluation batch 1 has 1 non-finite value(s) (∞ in example 5 first); inputs must be finite.",
            error.Message.Replace("Infinity", "∞"));
    }

    [Fact]
    public void Evaluating_a_non_finite_target_names_the_task_and_the_example()
    {
        var bad = Batch(8);
        bad.Targets!.Size[3, 0] = float.NaN;
        bad.Targets.Size[6, 0] = float.NaN;
        var error = Assert.Throws<TaskDataException>(() => _model.Evaluate([Batch(8), Batch(8), bad]));
        Assert.Equal("Size", error.Task);
        Assert.StartsWith("Task 'Size': Targets.Size: evaluation batch 3 has 2 non-finite value(s) (NaN in example 3 first)", error.Message);
        Assert.Contains("AllowMissing = true", error.Message);
    }

    [Theory]
    [InlineData(-100)] // PyTorch's ignore index
    [InlineData(-1)]
    public void A_negative_label_without_AllowMissing_says_AllowMissing_treats_it_as_missing(long label)
    {
        var bad = Batch(8);
        bad.Targets!.Kind[4] = label;
        foreach (var error in new[]
        {
            Assert.Throws<TaskDataException>(() => _model.TrainStep(bad, _optimizer)),
            Assert.Throws<TaskDataException>(() => _model.Evaluate([bad])),
        })
        {
            Assert.Equal("Kind", error.Task);
            Assert.Contains($"holds class {label} (example 4)", error.Message);
            Assert.Contains("[Head(..., AllowMissing = true)]", error.Message);
            Assert.Contains("treats negative class indices as missing", error.Message);
        }
    }

    [Fact]
    public void A_label_beyond_the_classes_does_not_suggest_AllowMissing()
    {
        var bad = Batch(8);
        bad.Targets!.Kind[4] = 3;
        var error = Assert.Throws<TaskDataException>(() => _model.TrainStep(bad, _optimizer));
        Assert.DoesNotContain("AllowMissing", error.Message);
    }
}
