using Xunit;
using static MultiTaskSharp.Generator.Tests.Shapes.ShapeModels;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>MTL0012 end to end: a head's known output against its loss and its stated TargetShape.</summary>
public sealed class LossHeadMismatchTests
{
    private const string Header = "[ModelInput(\"Image\", 1, 32, 32)]";
    private const string Trunk = "[Trunk] readonly Sequential backbone = Sequential(Conv2d(1, 32, 3, padding: 1), ReLU(), MaxPool2d(2));";

    [Fact]
    public void Cross_entropy_on_a_single_unit()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Shape", [|Loss = LossKind.CrossEntropy|])] readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 1));
            """),
            "MTL0012", "head 'Shape': CrossEntropy needs one logit per class but the head produces [1] per example, a single unit whose loss is always 0; "
                + "give the head one output per class, or use BinaryCrossEntropyWithLogits for a yes/no task");

    [Fact]
    public void Cross_entropy_on_spatial_logits()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Mask", [|Loss = LossKind.CrossEntropy|])] readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));
            """),
            "MTL0012", "head 'Mask': CrossEntropy expects logits [N, C] but the head produces [2, 32, 32] per example, which has spatial dimensions; "
                + "use PixelCrossEntropy for a class per position, or pool or flatten them");

    [Fact]
    public void Pixel_cross_entropy_without_spatial_dimensions()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Mask", [|Loss = LossKind.PixelCrossEntropy|])] readonly Sequential mask = Sequential(Flatten(), Linear(8192, 2));
            """),
            "MTL0012", "head 'Mask': PixelCrossEntropy expects logits [C, H, W] per example (a class per position) but the head produces [2], "
                + "which has no spatial dimensions; use CrossEntropy for one class per example");

    [Fact]
    public void Pixel_cross_entropy_on_one_channel()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Mask", [|Loss = LossKind.PixelCrossEntropy|])] readonly Conv2d mask = Conv2d(32, 1, 1);
            """),
            "MTL0012", "head 'Mask': PixelCrossEntropy needs one logit per class but the head produces [1, 16, 16] per example, a single channel whose loss is always 0");

    [Fact]
    public void Pixel_cross_entropy_target_must_match_the_spatial_dimensions()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Mask", Loss = LossKind.PixelCrossEntropy, [|TargetShape = new[] { 32, 32 }|])] readonly Conv2d mask = Conv2d(32, 2, 1);
            """),
            "MTL0012", "head 'Mask': PixelCrossEntropy takes a class index per position, targets [16, 16] per example for logits [2, 16, 16], but TargetShape is [32, 32]");

    [Fact]
    public void Cross_entropy_target_has_no_shape()
        => AssertSingle(ModelSource(Header, Trunk + """

            [Head("Shape", Loss = LossKind.CrossEntropy, [|TargetShape = new[] { 4 }|])] readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));
            """),
            "MTL0012", "head 'Shape': CrossEntropy takes one class index per example (targets [N]) but TargetShape is [4]");

    [Theory]
    [InlineData("", "MeanSquaredError")]
    [InlineData("Loss = LossKind.L1, ", "L1")]
    [InlineData("Loss = LossKind.SmoothL1, ", "SmoothL1")]
    [InlineData("Loss = LossKind.BinaryCrossEntropyWithLogits, ", "BinaryCrossEntropyWithLogits")]
    public void Regression_target_must_have_the_prediction_shape(string loss, string name)
        => AssertSingle(ModelSource(Header, Trunk + $$"""

            [Head("Value", {{loss}}[|TargetShape = new[] { 3 }|])] readonly Sequential value = Sequential(Flatten(), Linear(8192, 4));
            """),
            "MTL0012", $"head 'Value': {name} needs a target of the prediction's shape, but the head produces [4] per example and TargetShape is [3]");

    [Fact]
    public void Both_a_layer_and_the_loss_can_be_wrong_in_one_head()
    {
        var diagnostics = ShapeDiagnostics(ModelSource(Header, Trunk + """

            [Head("Shape", Loss = LossKind.CrossEntropy)] readonly Sequential shape = Sequential(Flatten(), Linear(100, 1));
            """));
        Assert.Equal(["MTL0007", "MTL0012"], System.Array.ConvertAll(diagnostics, d => d.Id));
    }
}
