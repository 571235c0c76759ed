using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>Three regression tasks on one shared linear layer, with different loss weights.</summary>
[MultiTaskModel]
public partial class SharedLinearModel
{
    [Trunk]
    readonly Linear shared = Linear(5, 8);

    [Head("A", Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError)]
    readonly Linear a = Linear(8, 1);

    [Head("B", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError), LossWeight(0.5)]
    readonly Linear b = Linear(8, 1);

    [Head("C", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError), LossWeight(2.0)]
    readonly Linear c = Linear(8, 1);
}
