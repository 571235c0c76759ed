using System;
using System.Collections.Generic;
using MultiTaskSharp.Export.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Export.Tests.Exactness;

/// <summary>Each layer mapping alone, on ONNX Runtime against TorchSharp, with the arguments that are easy to get wrong.</summary>
public sealed class LayerMappingTests
{
    private static readonly Dictionary<string, Func<LayerProbe>> Layers = new(StringComparer.Ordinal)
    {
        ["Upsample nearest, scale"] = () => new LayerProbe(Upsample(scale_factor: [2.0, 3.0]), 2, 5, 4),
        ["Upsample nearest, size up"] = () => new LayerProbe(Upsample(size: [10, 12]), 2, 5, 4),
        ["Upsample nearest, size down"] = () => new LayerProbe(Upsample(size: [10, 12]), 2, 14, 10),
        // 28 → 10: Resize's own float coordinates pick other source rows than ATen's here.
        ["Upsample nearest, size 28 to 10"] = () => new LayerProbe(Upsample(size: [10, 12]), 2, 28, 20),
        ["Upsample bilinear"] = () => new LayerProbe(Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear), 2, 5, 4),
        ["Upsample bilinear, align corners"] = () => new LayerProbe(Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: true), 2, 5, 4),
        ["Upsample bicubic"] = () => new LayerProbe(Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bicubic), 2, 5, 4),
        ["Upsample linear 1-D"] = () => new LayerProbe(Upsample(scale_factor: [2.0], mode: UpsampleMode.Linear), 2, 5),
        ["PixelShuffle"] = () => new LayerProbe(PixelShuffle(2), 8, 3, 5),
        ["PixelUnshuffle"] = () => new LayerProbe(PixelUnshuffle(2), 2, 6, 4),
        ["ConvTranspose2d, output padding"] = () => new LayerProbe(ConvTranspose2d(4, 3, 3, stride: 2, padding: 1, output_padding: 1), 4, 5, 6),
        ["ConvTranspose1d, groups"] = () => new LayerProbe(ConvTranspose1d(4, 6, 3, stride: 2, groups: 2), 4, 7),
        ["Conv2d, stride, padding"] = () => new LayerProbe(Conv2d(3, 4, 3, stride: 2, padding: 1), 3, 9, 8),
        ["Conv2d, dilation, groups"] = () => new LayerProbe(Conv2d(4, 8, 3, padding: 2, dilation: 2, groups: 4), 4, 9, 8),
        ["Conv2d, same, even kernel"] = () => new LayerProbe(Conv2d(3, 4, 4, padding: Padding.Same), 3, 9, 8),
        ["Conv1d, stride, dilation, groups"] = () => new LayerProbe(Conv1d(4, 6, 3, stride: 2, padding: 2, dilation: 2, groups: 2), 4, 11),
        ["Hardtanh"] = () => new LayerProbe(Hardtanh(-0.5, 0.5), 6),
        ["ReLU6"] = () => new LayerProbe(ReLU6(), 6),
        ["Mish"] = () => new LayerProbe(Mish(), 6),
        ["Hardswish"] = () => new LayerProbe(Hardswish(), 6),
        ["MaxPool2d, ceil mode"] = () => new LayerProbe(MaxPool2d(3, stride: 2, padding: 1, ceil_mode: true), 2, 12, 9),
        ["AvgPool1d, padding"] = () => new LayerProbe(AvgPool1d(2, stride: 1, padding: 1), 3, 7),
        ["AvgPool2d, exclude padding"] = () => new LayerProbe(AvgPool2d([3, 3], stride: [2, 2], padding: [1, 1], count_include_pad: false), 2, 7, 6),
        ["AdaptiveMaxPool1d"] = () => new LayerProbe(AdaptiveMaxPool1d(2), 3, 6),
    };

    public static TheoryData<string> Names => new(Layers.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Layer_on_onnx_runtime_equals_torchsharp(string layer)
    {
        torch.manual_seed(7);
        OnnxCheck.Exact(Layers[layer]());
    }
}
