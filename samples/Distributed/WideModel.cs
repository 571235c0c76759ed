using MultiTaskSharp;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>The benchmark's model: <c>HardSharingModel</c>'s tasks on a wider trunk.</summary>
[MultiTaskModel]
[ModelInput("X", 64)]
public partial class WideModel
{
    [Trunk] readonly TorchSharp.Modules.Sequential trunk = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU());
    [Head("Value", Metric = MetricKind.MeanSquaredError)] readonly TorchSharp.Modules.Linear value = nn.Linear(256, 1);
    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly TorchSharp.Modules.Linear kind = nn.Linear(256, 3);
}
