// The snapshot declaration CrossStitch (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Stitch;

[MultiTaskModel]
[ModelInput("X", 4)]
[CrossStitch(SelfWeight = 0.8)]
public partial class CrossStitchModel
{
    [Tower("A")]
    readonly Sequential columnA = Sequential(
        Sequential(Linear(4, 8), ReLU()),
        Sequential(Linear(8, 8), ReLU()),
        Sequential(Linear(8, 6), ReLU()));

    [Tower("B")]
    readonly Sequential columnB = Sequential(
        Sequential(Linear(4, 8), ReLU()),
        Sequential(Linear(8, 8), ReLU()),
        Sequential(Linear(8, 6), ReLU()));

    [Head("A")] readonly Linear a = Linear(6, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(6, 3);
}
