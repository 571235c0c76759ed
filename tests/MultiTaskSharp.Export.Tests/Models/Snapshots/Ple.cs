// The snapshot declaration Ple (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Experts;

[MultiTaskModel]
[ModelInput("X", 6)]
public partial class PleModel
{
    [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear BottomGate() => Linear(6, 3);
    [Gate(Shared = true)] static Linear BottomSharedGate() => Linear(6, 4);

    [Experts(1, PerTask = 1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());
    [Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(8, 3);
}
