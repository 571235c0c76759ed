// The snapshot declaration SceneNet (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.SceneNet;

[MultiTaskModel]
[ModelInput("Image", 1, 32, 32)]
public partial class SceneModel
{
    [Trunk]
    readonly Sequential backbone = Sequential(
        Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU());

    [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1), LossWeight(1.0)]
    readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));

    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight(0.5)]
    readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));
}
