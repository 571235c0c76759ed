using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SeedSystems.Lstm;

/// <summary>
/// Seed 004: an LSTM shared trunk over windows of a time series, [N, 20, 1] (batch first). The trunk
/// is a METHOD: an LSTM returns every step's output plus its final states, and the method decides what
/// the heads see — the last step's output. Two linear heads forecast 1 and 5 steps ahead.
/// </summary>
[MultiTaskModel]
[ModelInput("Window", 20, 1)]
public partial class LstmModel
{
    // Not a trunk itself: the [Trunk] method below uses it (the generator still registers it as a submodule).
    readonly LSTM lstm = LSTM(1, 32, batchFirst: true);

    [Trunk]
    Tensor Encode(Tensor window)
    {
        var (output, _, _) = lstm.call(window, null); // output: [N, 20, 32]
        return output.select(1, -1);                  // the last time step: [N, 32]
    }

    [Head("Next", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear next = Linear(32, 1);

    [Head("Ahead5", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear ahead5 = Linear(32, 1);
}
