using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace SeedSystems.SeparateInputs;

/// <summary>
/// Seed 003: two tasks with SEPARATE inputs of different sizes, from two SEPARATE data sets. Each input has its own
/// stem into a common 32-wide space; one hidden layer (the trunk) is shared; each head reads its own input's
/// features. A batch from data set A carries input A and Score labels only (B and Flag are null), and the other way
/// round: both tasks allow missing targets, so each batch trains the task it labels.
/// </summary>
[MultiTaskModel]
[ModelInput("A", 12)]
[ModelInput("B", 6)]
public partial class SeparateInputsModel
{
    [Stem("A")]
    readonly Linear stemA = Linear(12, 32);

    [Stem("B")]
    readonly Linear stemB = Linear(6, 32);

    [Trunk]
    readonly Sequential shared = Sequential(ReLU(), Linear(32, 32), ReLU());

    [Head("Score", Input = "A", AllowMissing = true, Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear score = Linear(32, 1);

    [Head("Flag", Input = "B", AllowMissing = true, Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)]
    readonly Linear flag = Linear(32, 2);
}
