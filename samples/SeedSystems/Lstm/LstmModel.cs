using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace SeedSystems.Lstm;

/// <summary>
/// Seed 004: an LSTM shared trunk over windows of a time series, [N, 20, 1] (batch first), declared directly as the
/// trunk: it passes on its last time step's output, [N, 32], to two linear heads that forecast 1 and 5 steps ahead.
/// </summary>
[MultiTaskModel]
[ModelInput("Window", 20, 1)]
public partial class LstmModel
{
    [Trunk(Passes = RecurrentOutput.LastStep)]
    readonly LSTM lstm = LSTM(1, 32, batchFirst: true);

    [Head("Next", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear next = Linear(32, 1);

    [Head("Ahead5", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear ahead5 = Linear(32, 1);
}
