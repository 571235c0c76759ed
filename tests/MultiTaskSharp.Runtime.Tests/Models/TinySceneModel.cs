using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>A tiny image model (8×8): bar orientation classification and per-pixel bar segmentation.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 8, 8)]
public partial class TinySceneModel
{
    [Trunk]
    readonly Sequential backbone = Sequential(Conv2d(1, 8, 3, padding: 1), ReLU(), Conv2d(8, 8, 3, padding: 1), ReLU());

    [Head("Orientation", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential orientation = Sequential(AdaptiveMaxPool2d([1, 1]), Flatten(), Linear(8, 2));

    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU | MetricKind.Accuracy), LossWeight(0.5)]
    readonly Conv2d mask = Conv2d(8, 2, 1);
}
