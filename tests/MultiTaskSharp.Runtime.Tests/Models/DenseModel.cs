using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>A dense network with a 3-class classification task and a regression task.</summary>
[MultiTaskModel]
public partial class DenseModel
{
    [Trunk]
    readonly Sequential body = Sequential(Linear(6, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("Label", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)]
    readonly Linear label = Linear(32, 3);

    [Head("Score", Loss = LossKind.SmoothL1, Metric = MetricKind.MeanSquaredError), LossWeight(0.5)]
    readonly Linear score = Linear(32, 1);
}
