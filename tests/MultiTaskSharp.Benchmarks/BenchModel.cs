using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>The benchmarked declaration: the main sample's architecture (image classification + segmentation).</summary>
[MultiTaskModel]
public partial class BenchModel
{
    [Trunk]
    readonly Sequential backbone = Sequential(
        Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), ReLU());

    [Head("Shape", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));

    [Head("Mask", Loss = LossKind.PixelCrossEntropy, Metric = MetricKind.MeanIoU), LossWeight(0.5)]
    readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));
}
