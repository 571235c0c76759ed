using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>A model whose training depends on the random generator (dropout), for resume tests.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class DropoutModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 16), ReLU(), Dropout(0.3));
    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(16, 3);
    [Head("Size", Metric = MetricKind.MeanSquaredError), LossWeight(0.5)] readonly Linear size = Linear(16, 1);
}
