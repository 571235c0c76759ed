using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Topologies.CrossStitch;

// Three declarations of the same three stages (20 → 32 → 32 → 16, ReLU) and heads: one column per task, stitched or
// not, or one trunk for both. Each task's labels may be missing: every training example labels one task only.

/// <summary>
/// Cross-stitch networks (Misra et al., CVPR 2016): one column per task; after stages 1 and 2 a learnable 2×2 unit
/// (starting at 0.9 / 0.1) mixes the two columns' activations, so the data decide how much the columns share.
/// </summary>
[MultiTaskModel]
[ModelInput("X", 20)]
[CrossStitch(SelfWeight = 0.9)]
public partial class CrossStitchedModel
{
    [Tower("A")]
    readonly Sequential columnA = Sequential(
        Sequential(Linear(20, 32), ReLU()),
        Sequential(Linear(32, 32), ReLU()),
        Sequential(Linear(32, 16), ReLU()));

    [Tower("B")]
    readonly Sequential columnB = Sequential(
        Sequential(Linear(20, 32), ReLU()),
        Sequential(Linear(32, 32), ReLU()),
        Sequential(Linear(32, 16), ReLU()));

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(16, 1);
    [Head("B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(16, 3);
}

// The baseline without any sharing: MTL0030 ("tasks share nothing") is exactly the point of this model, so it is
// silenced here, and only here.
#pragma warning disable MTL0030
/// <summary>The same two columns without cross-stitch units: each task learns from its own examples only.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
public partial class IndependentColumnsModel
{
    [Tower("A")]
    readonly Sequential columnA = Sequential(
        Sequential(Linear(20, 32), ReLU()),
        Sequential(Linear(32, 32), ReLU()),
        Sequential(Linear(32, 16), ReLU()));

    [Tower("B")]
    readonly Sequential columnB = Sequential(
        Sequential(Linear(20, 32), ReLU()),
        Sequential(Linear(32, 32), ReLU()),
        Sequential(Linear(32, 16), ReLU()));

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(16, 1);
    [Head("B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(16, 3);
}
#pragma warning restore MTL0030

/// <summary>Hard sharing: the three stages once, as a trunk both heads read.</summary>
[MultiTaskModel]
[ModelInput("X", 20)]
public partial class SharedColumnModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(
        Sequential(Linear(20, 32), ReLU()),
        Sequential(Linear(32, 32), ReLU()),
        Sequential(Linear(32, 16), ReLU()));

    [Head("A", AllowMissing = true, Metric = MetricKind.MeanSquaredError)] readonly Linear a = Linear(16, 1);
    [Head("B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)] readonly Linear b = Linear(16, 3);
}
