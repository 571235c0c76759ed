// The snapshot declaration SoftSharing (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Soft;

[MultiTaskModel]
[ModelInput("X", 5)]
[SoftSharing(0.1, Name = "Tie")]
[SoftSharing(0.05, Penalty = SharingPenalty.TraceNorm, Name = "LowRank", Tasks = new[] { "A", "C" })]
public partial class SoftSharingModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
    [Tower("C")] readonly Sequential towerC = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 2);
    [Head("C")] readonly Linear c = Linear(8, 1);
}
