using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Data.Tests;

/// <summary>Four features; classes and a regression that may be missing, and a multi-label task that may not.</summary>
[MultiTaskModel]
[ModelInput("Features", 4)]
public partial class StreamModel
{
    [Trunk]
    readonly Sequential body = Sequential(Linear(4, 16), ReLU());

    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy, AllowMissing = true)]
    readonly Linear kind = Linear(16, 3);

    [Head("Score", Metric = MetricKind.MeanSquaredError, AllowMissing = true)]
    readonly Linear score = Linear(16, 1);

    [Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits)]
    readonly Linear tags = Linear(16, 2);
}

/// <summary>Six features, a 3-class task and a regression, neither allowing missing labels (the learning test).</summary>
[MultiTaskModel]
[ModelInput("Features", 6)]
public partial class StrictModel
{
    [Trunk]
    readonly Sequential body = Sequential(Linear(6, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("Label", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Linear label = Linear(32, 3);

    [Head("Score", Loss = LossKind.SmoothL1, Metric = MetricKind.MeanSquaredError), LossWeight(0.5)]
    readonly Linear score = Linear(32, 1);
}

/// <summary>Two inputs with their own stems and a shared layer, each read by one task, both allowing missing labels (separate data sets per task).</summary>
[MultiTaskModel]
[ModelInput("Left", 3)]
[ModelInput("Right", 2)]
public partial class TwoSourceModel
{
    [Stem("Left")]
    readonly Linear left = Linear(3, 8);

    [Stem("Right")]
    readonly Linear right = Linear(2, 8);

    [Trunk]
    readonly Sequential hidden = Sequential(ReLU(), Linear(8, 8), ReLU());

    [Head("Sum", Input = "Left", AllowMissing = true)]
    readonly Linear sum = Linear(8, 1);

    [Head("Sign", Input = "Right", Loss = LossKind.CrossEntropy, AllowMissing = true)]
    readonly Linear sign = Linear(8, 2);
}
