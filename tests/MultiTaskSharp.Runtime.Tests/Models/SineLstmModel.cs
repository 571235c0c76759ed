using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>An LSTM method trunk (it passes on the last time step) with two forecasting heads.</summary>
[MultiTaskModel]
public partial class SineLstmModel
{
    readonly LSTM lstm = LSTM(1, 16, batchFirst: true);

    [Trunk]
    Tensor Encode(Tensor x)
    {
        var (output, _, _) = lstm.call(x, null);
        return output.select(1, -1);
    }

    [Head("Next", Metric = MetricKind.MeanSquaredError)]
    readonly Linear next = Linear(16, 1);

    [Head("Later", Metric = MetricKind.MeanSquaredError), LossWeight(0.5)]
    readonly Linear later = Linear(16, 1);
}
