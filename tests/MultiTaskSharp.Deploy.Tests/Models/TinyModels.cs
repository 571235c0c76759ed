using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Deploy.Tests.Models;

/// <summary>A trunk with batch statistics, a classifier and a regression head: small enough for every test.</summary>
[MultiTaskModel]
[ModelInput("Features", 4)]
public partial class TinyModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8), ReLU());

    [Head("Kind", Loss = LossKind.CrossEntropy)]
    readonly Linear kind = Linear(8, 3);

    [Head("Score")]
    readonly Linear score = Linear(8, 1);
}

/// <summary>The same names as <see cref="TinyModel"/> with a wider trunk: every trunk and head weight differs in shape.</summary>
[MultiTaskModel]
[ModelInput("Features", 4)]
public partial class WideTinyModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(4, 16), BatchNorm1d(16), ReLU());

    [Head("Kind", Loss = LossKind.CrossEntropy)]
    readonly Linear kind = Linear(16, 3);

    [Head("Score")]
    readonly Linear score = Linear(16, 1);
}

/// <summary><see cref="TinyModel"/>'s trunk with another task: the trunk loads from a TinyModel file, the heads do not.</summary>
[MultiTaskModel]
[ModelInput("Features", 4)]
public partial class RetargetedTinyModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8), ReLU());

    [Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits)]
    readonly Linear tags = Linear(8, 5);
}

/// <summary>A per-pixel classifier and a multi-label head over a small image: the two other decodings.</summary>
[MultiTaskModel]
[ModelInput("Image", 1, 8, 8)]
public partial class PixelTagModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Conv2d(1, 4, 3, padding: 1), ReLU());

    [Head("Mask", Loss = LossKind.PixelCrossEntropy)]
    readonly Conv2d mask = Conv2d(4, 3, 1);

    [Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits)]
    readonly Sequential tags = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(4, 5));
}
