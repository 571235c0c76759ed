using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// samples/MultiFashion's MultiLeNet, declared again here (the benchmarks do not reference the samples):
/// the same layers as benchmarks/pytorch/models.py <c>multi_lenet()</c>. Keep the three in step.
/// </summary>
[MultiTaskModel]
[ModelInput("Image", 1, 28, 28)]
public partial class FashionLeNet
{
    [Trunk]
    readonly Sequential trunk = Sequential(
        Conv2d(1, 10, 5), MaxPool2d(2), ReLU(),
        Conv2d(10, 20, 5), Dropout2d(0.5), MaxPool2d(2), ReLU(),
        Flatten(), Linear(320, 50), ReLU());

    [Head("Left", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential left = Sequential(Linear(50, 50), ReLU(), Dropout(0.5), Linear(50, 10));

    [Head("Right", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential right = Sequential(Linear(50, 50), ReLU(), Dropout(0.5), Linear(50, 10));
}

/// <summary>
/// samples/SceneNet's SceneModel, declared again here: the same layers and weights as
/// benchmarks/pytorch/models.py <c>scene_net()</c>. Keep the three in step.
/// </summary>
[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class SceneComparisonModel
{
    [Trunk]
    readonly Sequential backbone = Sequential(
        Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2),
        Conv2d(32, 64, 3, padding: 1), BatchNorm2d(64), ReLU());

    [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy), LossWeight(1.0)]
    readonly Sequential shape = Sequential(
        Conv2d(64, 64, 3, padding: 1), ReLU(),
        AdaptiveAvgPool2d(1), Flatten(), Linear(64, 4));

    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight(0.5)]
    readonly Sequential mask = Sequential(
        ConvTranspose2d(64, 32, 2, stride: 2), ReLU(),
        ConvTranspose2d(32, 16, 2, stride: 2), ReLU(),
        Conv2d(16, 2, 1));
}
