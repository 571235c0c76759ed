// The snapshot declaration RecurrentFinalHiddenAndAllSteps (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Recurrent;

[MultiTaskModel]
[ModelInput("Window", 7, 2)]
public partial class GruHiddenModel
{
    [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru = GRU(2, 5, numLayers: 2, batchFirst: true, bidirectional: true);

    [Head("Next")] readonly Linear next = Linear(10, 1);
    [Head("Later")] readonly Linear later = Linear(10, 1);
}

[MultiTaskModel]
[ModelInput("Window", 7, 2)]
public partial class RnnStepsModel
{
    [Trunk(Passes = RecurrentOutput.AllSteps)] readonly RNN rnn = RNN(2, 4, batchFirst: true);

    [Head("Steps")] readonly Linear steps = Linear(4, 1);
    [Head("Sign", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear sign = Linear(4, 1);
}
