// The snapshot declaration Mmoe (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Experts;

[MultiTaskModel]
[ModelInput("X", 6)]
public partial class MmoeModel
{
    [Experts(4)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear Gate() => Linear(6, 4);

    [Tower("A")] readonly Sequential towerA = Sequential(Linear(8, 4), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(8, 4), ReLU());

    [Head("A")] readonly Linear a = Linear(4, 1);
    [Head("B", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear b = Linear(4, 1);
}
