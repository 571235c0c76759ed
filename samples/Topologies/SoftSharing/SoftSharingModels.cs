using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Topologies.SoftSharing;

// Five declarations of the same two towers (10 → 32 → 32, ReLU) and linear heads, differing only in how (or whether)
// the towers are tied. λ is an attribute argument, so each λ is its own class.

// The baseline without any sharing: MTL0030 ("tasks share nothing") is exactly the point of this model, so it is
// silenced here, and only here, rather than project-wide.
#pragma warning disable MTL0030
/// <summary>Independent towers: each task learns from its own labels only (two single-task networks in one class).</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
public partial class IndependentTowersModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}
#pragma warning restore MTL0030

/// <summary>Soft sharing, squared L2 distance between the towers, λ = 0.0001.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
[SoftSharing(0.0001, Name = "Tie")]
public partial class SoftL2WeakModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}

/// <summary>Soft sharing, squared L2 distance between the towers, λ = 0.001.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
[SoftSharing(0.001, Name = "Tie")]
public partial class SoftL2Model
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}

/// <summary>Soft sharing, squared L2 distance between the towers, λ = 0.01.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
[SoftSharing(0.01, Name = "Tie")]
public partial class SoftL2StrongModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}

/// <summary>Soft sharing, trace norm of each parameter stacked over the towers, λ = 0.001.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
[SoftSharing(0.001, Penalty = SharingPenalty.TraceNorm, Name = "Tie")]
public partial class SoftTraceNormModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}

/// <summary>Hard sharing: one trunk of the same shape serves both tasks.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
public partial class HardSharingModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(20, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(32, 1);
    [Head("B", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear b = Linear(32, 1);
}
