// The snapshot declaration TwoInputsWithStems (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Fusion;

[MultiTaskModel]
[ModelInput("A", 12)]
public partial class FusionModel
{
    [Stem("A")]
    readonly Linear stemA = Linear(12, 16);

    [Stem("B")]
    readonly Linear stemB = Linear(6, 16);

    [Trunk]
    readonly Sequential trunk = Sequential(ReLU(), Linear(16, 16), ReLU());

    [Head("Kind", Input = "A", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Linear kind = Linear(16, 5);

    [Head("Tags", Input = "B", Loss = LossKind.BinaryCrossEntropyWithLogits, Metric = MetricKind.Accuracy), LossWeight(0.75)]
    readonly Linear tags = Linear(16, 3);
}
