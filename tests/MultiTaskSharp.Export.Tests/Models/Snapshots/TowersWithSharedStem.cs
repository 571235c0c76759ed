// The snapshot declaration TowersWithSharedStem (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Towers;

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
