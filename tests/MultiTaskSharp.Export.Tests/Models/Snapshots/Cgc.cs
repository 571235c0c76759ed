// The snapshot declaration Cgc (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Experts;

[MultiTaskModel]
[ModelInput("X", 6)]
public partial class CgcModel
{
    readonly int hidden = 8;

    [Experts(2, PerTask = 1)] Sequential Expert() => Sequential(Linear(6, hidden), ReLU());
    [Gate] static Linear Gate() => Linear(6, 3);

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B")] readonly Linear b = Linear(8, 1);
}
