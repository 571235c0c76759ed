// The snapshot declaration TaskConnections (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Connections;

[MultiTaskModel]
[ModelInput("X", 4)]
public partial class ConnectionsModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());

    [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear(8 + 6, 5);
    [Head("Third")] readonly Linear third = Linear(5, 1);

    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
    [Head("Second"), TaskInput("First", Detach = true)] readonly Linear second = Linear(6 + 2, 1);

    [Head("First", Loss = LossKind.CrossEntropy)] readonly Linear first = Linear(8, 2);
}
