using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>Two inputs from two data sets: each batch labels one task and supplies only its input.</summary>
[MultiTaskModel]
[ModelInput("A", 5)]
[ModelInput("B", 3)]
public partial class SeparateDataModel
{
    [Stem("A")] readonly Linear stemA = Linear(5, 8);
    [Stem("B")] readonly Linear stemB = Linear(3, 8);
    [Trunk] readonly Sequential trunk = Sequential(ReLU(), Linear(8, 8), ReLU());

    [Head("Score", Input = "A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear score = Linear(8, 1);
    [Head("Flag", Input = "B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear flag = Linear(8, 2);
}

/// <summary>One input, two tasks whose labels may be missing per example.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class PartialLabelsModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());

    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(8, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(8, 3);
}
