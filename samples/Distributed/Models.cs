using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Distributed;

// One small model per sharing topology, all on the same data: 8 features, a regression task Value and a 3-class task
// Kind, both with missing labels (partial labelling is where a mean of per-process means would go wrong).

/// <summary>Hard sharing: a trunk both tasks read.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class HardSharingModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 16), Tanh(), Linear(16, 12), Tanh());
    [Tower("Kind")] readonly Sequential kindTower = Sequential(Linear(12, 8), Tanh());
    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(12, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)] readonly Linear kind = Linear(8, 3);
}

/// <summary>MMoE: shared experts, one softmax gate per task.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class MmoeModel
{
    [Experts(3)] static Sequential Expert() => Sequential(Linear(8, 6), Tanh());
    [Gate] static Linear Gate() => Linear(8, 3);
    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(6, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(6, 3);
}

/// <summary>CGC (one level of PLE): two shared experts and one of each task's own.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class CgcModel
{
    [Experts(2, PerTask = 1)] static Sequential Expert() => Sequential(Linear(8, 6), Tanh());
    [Gate] static Linear Gate() => Linear(8, 3);
    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(6, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(6, 3);
}

/// <summary>Cross-stitch: one column per task, mixed after each stage by a learned unit.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
[CrossStitch(SelfWeight = 0.9)]
public partial class CrossStitchModel
{
    [Tower("Value")] readonly Sequential valueColumn = Sequential(Sequential(Linear(8, 8), Tanh()), Sequential(Linear(8, 8), Tanh()));
    [Tower("Kind")] readonly Sequential kindColumn = Sequential(Sequential(Linear(8, 8), Tanh()), Sequential(Linear(8, 8), Tanh()));
    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(8, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(8, 3);
}

/// <summary>Soft sharing: separate towers tied by a squared L2 penalty.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
[SoftSharing(0.01, Name = "Tie")]
public partial class SoftSharingModel
{
    [Tower("Value")] readonly Sequential valueTower = Sequential(Linear(8, 8), Tanh());
    [Tower("Kind")] readonly Sequential kindTower = Sequential(Linear(8, 8), Tanh());
    [Head("Value", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(8, 1);
    [Head("Kind", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(8, 3);
}

/// <summary>Hard sharing with batch normalisation in the trunk (per-process batch statistics; docs/distributed.md).</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class BatchNormModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 12), BatchNorm1d(12), Tanh());
    [Head("Value", Metric = MetricKind.MeanSquaredError)] readonly Linear value = Linear(12, 1);
    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear kind = Linear(12, 3);
}
