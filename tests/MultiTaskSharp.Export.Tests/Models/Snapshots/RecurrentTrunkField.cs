// The snapshot declaration RecurrentTrunkField (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Recurrent;

[MultiTaskModel]
[ModelInput("Window", 7, 2)]
public partial class RecurrentTrunkModel
{
    [Trunk(Passes = RecurrentOutput.LastStep)] readonly LSTM lstm = LSTM(2, 6, batchFirst: true);

    [Head("Next")] readonly Linear next = Linear(6, 1);
    [Head("Later", Loss = LossKind.SmoothL1)] readonly Linear later = Linear(6, 1);
}
