using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Losses;

/// <summary>The built-in losses compute what torch.nn.functional computes and reject targets that do not fit.</summary>
public sealed class TaskLossesTests
{
    private static readonly Generator Data = new(seed: 11);

    private static Tensor Randn(params long[] shape) => randn(shape, generator: Data);

    private static Tensor Classes(long classes, params long[] shape) => randint(0, classes, shape, generator: Data);

    [Fact]
    public void MeanSquaredError_equals_mse_loss()
    {
        var (prediction, target) = (Randn(8, 2), Randn(8, 2));
        TorchAssert.AllClose(nn.functional.mse_loss(prediction, target), TaskLosses.MeanSquaredError("T", "Targets.T", prediction, target), "mse", 0, 0);
    }

    [Fact]
    public void L1_equals_l1_loss()
    {
        var (prediction, target) = (Randn(8, 2), Randn(8, 2));
        TorchAssert.AllClose(nn.functional.l1_loss(prediction, target), TaskLosses.L1("T", "Targets.T", prediction, target), "l1", 0, 0);
    }

    [Fact]
    public void SmoothL1_equals_smooth_l1_loss()
    {
        // Spread wide enough that both the quadratic and the linear branch are used.
        var (prediction, target) = (Randn(16, 1) * 3, Randn(16, 1));
        TorchAssert.AllClose(nn.functional.smooth_l1_loss(prediction, target), TaskLosses.SmoothL1("T", "Targets.T", prediction, target), "smooth l1", 0, 0);
    }

    [Fact]
    public void CrossEntropy_equals_cross_entropy()
    {
        var (logits, classes) = (Randn(8, 5), Classes(5, 8));
        TorchAssert.AllClose(nn.functional.cross_entropy(logits, classes), TaskLosses.CrossEntropy("T", "Targets.T", logits, classes), "ce", 0, 0);
    }

    [Fact]
    public void PixelCrossEntropy_equals_cross_entropy_over_pixels()
    {
        var (logits, masks) = (Randn(2, 3, 4, 5), Classes(3, 2, 4, 5));
        TorchAssert.AllClose(nn.functional.cross_entropy(logits, masks), TaskLosses.PixelCrossEntropy("T", "Targets.T", logits, masks), "pixel ce", 0, 0);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_equals_binary_cross_entropy_with_logits()
    {
        var (logits, labels) = (Randn(6, 4), Classes(2, 6, 4).to_type(ScalarType.Float32));
        TorchAssert.AllClose(nn.functional.binary_cross_entropy_with_logits(logits, labels),
            TaskLosses.BinaryCrossEntropyWithLogits("T", "Targets.T", logits, labels), "bce", 0, 0);
    }

    [Fact]
    public void Compute_dispatches_on_the_kind()
    {
        var (prediction, target) = (Randn(4, 3), Randn(4, 3));
        TorchAssert.AllClose(TaskLosses.L1("T", "Targets.T", prediction, target), TaskLosses.Compute(LossKind.L1, "T", "Targets.T", prediction, target), "l1", 0, 0);
    }

    [Fact]
    public void Regression_target_of_another_float_type_is_converted_to_the_prediction_type()
    {
        var (prediction, target) = (Randn(5, 1), Randn(5, 1).to_type(ScalarType.Float64));
        var loss = TaskLosses.MeanSquaredError("T", "Targets.T", prediction, target);
        Assert.Equal(ScalarType.Float32, loss.dtype);
        TorchAssert.AllClose(nn.functional.mse_loss(prediction, target.to_type(ScalarType.Float32)), loss, "mse");
    }

    [Fact]
    public void Regression_target_of_the_wrong_shape_names_task_member_and_both_shapes()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.MeanSquaredError("Depth", "Targets.Depth", Randn(4, 1), Randn(4)));
        Assert.Equal("Depth", error.Task);
        Assert.Equal("Targets.Depth", error.Member);
        Assert.Contains("Task 'Depth'", error.Message);
        Assert.Contains("Targets.Depth", error.Message);
        Assert.Contains("[4, 1]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Regression_target_that_is_not_floating_point_is_rejected()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.L1("Depth", "Targets.Depth", Randn(4, 1), Classes(3, 4, 1)));
        Assert.Equal("Targets.Depth", error.Member);
        Assert.Contains("floating-point", error.Message);
        Assert.Contains("Int64", error.Message);
    }

    [Fact]
    public void Class_target_of_the_wrong_shape_names_task_member_and_both_shapes()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.CrossEntropy("Shape", "Targets.Shape", Randn(8, 4), Classes(4, 8, 1)));
        Assert.Equal("Shape", error.Task);
        Assert.Equal("Targets.Shape", error.Member);
        Assert.Contains("Targets.Shape", error.Message);
        Assert.Contains("[8]", error.Message);       // expected
        Assert.Contains("[8, 4]", error.Message);    // the logits
        Assert.Contains("[8, 1]", error.Message);    // actual
    }

    [Fact]
    public void Class_target_of_the_wrong_type_is_rejected()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.CrossEntropy("Shape", "Targets.Shape", Randn(8, 4), Classes(4, 8).to_type(ScalarType.Float32)));
        Assert.Equal("Targets.Shape", error.Member);
        Assert.Contains("Int64", error.Message);
        Assert.Contains("Float32", error.Message);
    }

    [Fact]
    public void Pixel_target_of_the_wrong_shape_names_both_shapes()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.PixelCrossEntropy("Mask", "Targets.Mask", Randn(2, 3, 4, 4), Classes(3, 2, 4, 5)));
        Assert.Equal("Mask", error.Task);
        Assert.Contains("Targets.Mask", error.Message);
        Assert.Contains("[2, 4, 4]", error.Message);
        Assert.Contains("[2, 4, 5]", error.Message);
    }

    [Fact]
    public void Logits_of_the_wrong_rank_blame_the_prediction()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.CrossEntropy("Shape", "Targets.Shape", Randn(8), Classes(4, 8)));
        Assert.Equal("prediction", error.Member);
        Assert.Contains("[8]", error.Message);
    }

    [Theory]
    [InlineData(LossKind.MeanSquaredError)]
    [InlineData(LossKind.L1)]
    [InlineData(LossKind.SmoothL1)]
    [InlineData(LossKind.CrossEntropy)]
    [InlineData(LossKind.PixelCrossEntropy)]
    [InlineData(LossKind.BinaryCrossEntropyWithLogits)]
    public void Missing_target_names_task_and_member(LossKind kind)
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.Compute(kind, "Age", "Targets.Age", Randn(2, 3, 4, 4), null));
        Assert.Equal("Age", error.Task);
        Assert.Equal("Targets.Age", error.Member);
        Assert.Contains("missing", error.Message);
        Assert.Contains(kind.ToString(), error.Message);
    }

    [Fact]
    public void CheckCustom_rejects_a_non_scalar_naming_the_method_and_shape()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.CheckCustom("Age", "MyLoss", Randn(4, 1)));
        Assert.Equal("Age", error.Task);
        Assert.Equal("MyLoss", error.Member);
        Assert.Contains("scalar", error.Message);
        Assert.Contains("[4, 1]", error.Message);
    }

    [Fact]
    public void CheckCustom_rejects_null()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskLosses.CheckCustom("Age", "MyLoss", null!));
        Assert.Contains("null", error.Message);
    }

    [Fact]
    public void CheckCustom_accepts_scalars_and_one_element_tensors_as_scalars()
    {
        var scalar = tensor(2.5f);
        Assert.Same(scalar, TaskLosses.CheckCustom("Age", "MyLoss", scalar));
        var single = tensor(new[] { 1.5f });
        var result = TaskLosses.CheckCustom("Age", "MyLoss", single);
        Assert.Equal(0, result.dim());
        Assert.Equal(1.5f, result.item<float>());
    }
}
