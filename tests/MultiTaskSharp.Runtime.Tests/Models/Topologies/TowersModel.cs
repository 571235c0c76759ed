using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>No trunk: a stem every task reads, then a tower per task before its head.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class TowersModel
{
    [Stem("X")] readonly Linear stem = Linear(6, 8);

    [Tower("A")] readonly Sequential towerA = Sequential(ReLU(), Linear(8, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(ReLU(), Linear(8, 4), Tanh());

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(4, 3);
}
