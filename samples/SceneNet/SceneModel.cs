using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace SceneNet;

/// <summary>
/// The seeds' image scenario: one convolutional trunk shared by a shape classifier and a
/// segmentation head that labels every pixel of a 1×32×32 image as background or shape.
/// </summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class SceneModel
{
    [Trunk]
    readonly Sequential backbone = SceneLayers.Backbone();

    [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1), LossWeight(1.0)]
    readonly Sequential shape = SceneLayers.ShapeHead();

    // Per-pixel losses are larger in number but each is easy; half weight keeps the classifier's
    // gradient from being drowned out in the shared trunk.
    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight(0.5)]
    readonly Sequential mask = SceneLayers.MaskHead();
}

/// <summary>Baseline: the same trunk and shape head, trained on the shape task alone.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class ShapeOnlyModel
{
    [Trunk]
    readonly Sequential backbone = SceneLayers.Backbone();

    [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)]
    readonly Sequential shape = SceneLayers.ShapeHead();
}

/// <summary>Baseline: the same trunk and mask head, trained on segmentation alone.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class MaskOnlyModel
{
    [Trunk]
    readonly Sequential backbone = SceneLayers.Backbone();

    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU)]
    readonly Sequential mask = SceneLayers.MaskHead();
}

/// <summary>
/// The layers all three models are built from. They live here, in the file that declares the models,
/// so the comparison is architecture-for-architecture: the baselines differ only in the heads they declare.
/// </summary>
public static class SceneLayers
{
    /// <summary>Number of shape classes (see <c>ShapeKind</c>).</summary>
    public const int ShapeClasses = 4;

    /// <summary>[N, 1, 32, 32] → [N, 64, 8, 8]: three conv blocks, two of them halving the resolution.</summary>
    public static Sequential Backbone() => Sequential(
        Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2),
        Conv2d(32, 64, 3, padding: 1), BatchNorm2d(64), ReLU());

    /// <summary>[N, 64, 8, 8] → class logits [N, 4]. Global pooling makes it position independent.</summary>
    public static Sequential ShapeHead() => Sequential(
        Conv2d(64, 64, 3, padding: 1), ReLU(),
        AdaptiveAvgPool2d(1), Flatten(), Linear(64, ShapeClasses));

    /// <summary>
    /// [N, 64, 8, 8] → per-pixel logits [N, 2, 32, 32]: two learned ×2 upsampling steps back to full
    /// size, then a 1×1 classifier per pixel.
    /// </summary>
    /// <remarks>
    /// The classifier is 1×1: on the AVX-512 machine this sample was developed on, libtorch's oneDNN
    /// backward pass of a 3×3 convolution with fewer than 16 output channels returned wrong (sometimes NaN)
    /// input gradients. Program.cs now limits oneDNN to AVX kernels, which fixes that; the 1×1 head also
    /// keeps the sample safe where a host application cannot set the environment first.
    /// </remarks>
    public static Sequential MaskHead() => Sequential(
        ConvTranspose2d(64, 32, 2, stride: 2), ReLU(),
        ConvTranspose2d(32, 16, 2, stride: 2), ReLU(),
        Conv2d(16, 2, 1));
}
