using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>A trunk with batch normalisation: its running statistics are buffers the forward pass updates.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class BatchNormModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8), ReLU());
    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(8, 3);
    [Head("Size", Metric = MetricKind.MeanSquaredError)] readonly Linear size = Linear(8, 1);
}
