using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>Soft sharing: two towers of the same structure tied by a squared L2 penalty; no shared layer at all.</summary>
[MultiTaskModel]
[ModelInput("X", 5)]
[SoftSharing(0.1, Name = "Tie")]
public partial class SoftSharingModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B")] readonly Linear b = Linear(8, 2);
}

/// <summary>The same towers tied by the trace norm of each stacked parameter.</summary>
[MultiTaskModel]
[ModelInput("X", 5)]
[SoftSharing(0.05, Penalty = SharingPenalty.TraceNorm)]
public partial class TraceNormModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU());

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B")] readonly Linear b = Linear(8, 1);
}
