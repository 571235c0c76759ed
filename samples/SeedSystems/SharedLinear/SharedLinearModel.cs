using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace SeedSystems.SharedLinear;

/// <summary>
/// Seed 000: three regression tasks computed from ONE shared linear map W (10 → 4). Each head is a
/// linear read-out of the shared 4-dimensional code, so the whole model is linear: y_t = x·Wᵀ·v_t.
/// The loss weights λ = 1, 0.5, 0.25 say how much each task may pull the shared W its way.
/// </summary>
[MultiTaskModel]
[ModelInput("X", 10)]
public partial class SharedLinearModel
{
    [Trunk]
    readonly Linear shared = Linear(10, 4);

    [Head("Y1", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError), LossWeight(1.0)]
    readonly Linear y1 = Linear(4, 1);

    [Head("Y2", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError), LossWeight(0.5)]
    readonly Linear y2 = Linear(4, 1);

    [Head("Y3", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError), LossWeight(0.25)]
    readonly Linear y3 = Linear(4, 1);
}
