// The snapshot declaration LstmMethodTrunk (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Forecast;

[MultiTaskModel]
public partial class SeriesModel
{
    readonly LSTM lstm = LSTM(8, 32, batchFirst: true);

    [Trunk]
    Tensor Encode(Tensor x)
    {
        var (output, _, _) = lstm.call(x);
        return output[.., -1];
    }

    [Head("Price", Metric = MetricKind.MeanAbsoluteError), LossWeight(2.0)]
    readonly Linear price = Linear(32, 1);

    [Head("Volume", Loss = LossKind.SmoothL1, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError), LossWeight(0.25)]
    readonly Linear volume = Linear(32, 1);
}
