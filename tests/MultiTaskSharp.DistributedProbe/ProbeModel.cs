using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.DistributedProbe;

/// <summary>A small hard-sharing model: a regression task and a classification task.</summary>
[MultiTaskModel]
[ModelInput("Features", 6)]
public partial class ProbeModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(6, 12), Tanh());
    [Head("Score", Metric = MetricKind.MeanSquaredError)] readonly Linear score = Linear(12, 1);
    [Head("Label", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear label = Linear(12, 3);
}
