using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>An LSTM field as the trunk, passing on its last step; no hand-written method.</summary>
[MultiTaskModel]
[ModelInput("Window", 7, 2)]
public partial class RecurrentTrunkModel
{
    [Trunk(Passes = RecurrentOutput.LastStep)] readonly LSTM lstm = LSTM(2, 6, batchFirst: true);

    [Head("Next")] readonly Linear next = Linear(6, 1);
    [Head("Later")] readonly Linear later = Linear(6, 1);
}

/// <summary>A GRU trunk passing on its final hidden state.</summary>
[MultiTaskModel]
[ModelInput("Window", 7, 2)]
public partial class GruHiddenModel
{
    [Trunk(Passes = RecurrentOutput.FinalHidden)] readonly GRU gru = GRU(2, 5, batchFirst: true);

    [Head("Next")] readonly Linear next = Linear(5, 1);
    [Head("Later")] readonly Linear later = Linear(5, 1);
}
