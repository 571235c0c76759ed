using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace SeedSystems.DenseTwoOutputs;

/// <summary>
/// Seed 002: a dense network with two outputs — a 3-class classifier (cross-entropy) and a
/// regression value (MSE) — read from one MLP trunk and trained together with Adam.
/// </summary>
[MultiTaskModel]
[ModelInput("Features", 8)]
public partial class DenseTwoOutputsModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(8, 64), ReLU(), Linear(64, 64), ReLU());

    // Macro-F1 next to accuracy: with imbalanced classes, accuracy rewards ignoring the rare ones.
    [Head("Category", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)]
    readonly Linear category = Linear(64, 3);

    [Head("Amount", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear amount = Linear(64, 1);
}
