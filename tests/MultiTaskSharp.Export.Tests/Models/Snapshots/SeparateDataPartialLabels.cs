// The snapshot declaration SeparateDataPartialLabels (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Partial;

[MultiTaskModel]
[ModelInput("A", 5)]
[ModelInput("B", 3)]
public partial class SeparateDataModel
{
    [Stem("A")] readonly Linear stemA = Linear(5, 8);
    [Stem("B")] readonly Linear stemB = Linear(3, 8);
    [Trunk] readonly Sequential trunk = Sequential(ReLU(), Linear(8, 8), ReLU());

    [Head("Score", Input = "A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear score = Linear(8, 1);
    [Head("Flag", Input = "B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear flag = Linear(8, 2);
}
