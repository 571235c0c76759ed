using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiFashion;

/// <summary>
/// Sener &amp; Koltun's MultiLeNet: a LeNet trunk shared by two classifiers, one for the item at the
/// top left of the image and one for the item at the bottom right.
/// </summary>
[MultiTaskModel]
[ModelInput("Image", 1, 28, 28)]
public partial class MultiLeNet
{
    [Trunk]
    readonly Sequential trunk = LeNetLayers.Trunk();

    [Head("Left", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(1.0)]
    readonly Sequential left = LeNetLayers.Head();

    [Head("Right", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(1.0)]
    readonly Sequential right = LeNetLayers.Head();
}

/// <summary>Single-task baseline: the same trunk and one head, trained on the left item alone.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 28, 28)]
public partial class LeftOnlyLeNet
{
    [Trunk]
    readonly Sequential trunk = LeNetLayers.Trunk();

    [Head("Left", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential left = LeNetLayers.Head();
}

/// <summary>Single-task baseline: the same trunk and one head, trained on the right item alone.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 28, 28)]
public partial class RightOnlyLeNet
{
    [Trunk]
    readonly Sequential trunk = LeNetLayers.Trunk();

    [Head("Right", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential right = LeNetLayers.Head();
}

/// <summary>
/// The layers of all three models, so the baselines differ from the multi-task model only in the heads
/// they declare. Sizes follow the reference (isl-org/MultiObjectiveOptimization, models/multi_lenet.py).
/// </summary>
public static class LeNetLayers
{
    /// <summary>Fashion-MNIST's classes per item.</summary>
    public const int Classes = 10;

    /// <summary>
    /// [N, 1, 28, 28] → [N, 50]: conv 5×5 → 24×24, pool → 12×12, conv 5×5 → 8×8, pool → 4×4, so 20 × 4 × 4 = 320
    /// features before the shared fully connected layer.
    /// </summary>
    /// <remarks>
    /// The reference drops whole channels after the second convolution with one mask for the whole batch and
    /// does not rescale the kept ones; standard channel dropout (a mask per example, kept channels scaled by
    /// 2 during training) is used here. See docs/multifashion.md.
    /// </remarks>
    public static Sequential Trunk() => Sequential(
        Conv2d(1, 10, 5), MaxPool2d(2), ReLU(),
        Conv2d(10, 20, 5), Dropout2d(0.5), MaxPool2d(2), ReLU(),
        Flatten(), Linear(320, 50), ReLU());

    /// <summary>[N, 50] → class logits [N, 10]. The reference's log-softmax + NLL is CrossEntropy on these logits.</summary>
    public static Sequential Head() => Sequential(
        Linear(50, 50), ReLU(), Dropout(0.5), Linear(50, Classes));
}
