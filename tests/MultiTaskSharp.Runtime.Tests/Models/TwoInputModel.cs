using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>Two inputs of different widths, each with its own stem, sharing one hidden layer.</summary>
[MultiTaskModel]
public partial class TwoInputModel
{
    [Stem("Left")]
    readonly Linear left = Linear(3, 16);

    [Stem("Right")]
    readonly Linear right = Linear(5, 16);

    [Trunk]
    readonly Sequential hidden = Sequential(ReLU(), Linear(16, 16), ReLU());

    [Head("Sum", Input = "Left", Metric = MetricKind.MeanSquaredError)]
    readonly Linear sum = Linear(16, 1);

    [Head("Sign", Input = "Right", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Linear sign = Linear(16, 2);
}
