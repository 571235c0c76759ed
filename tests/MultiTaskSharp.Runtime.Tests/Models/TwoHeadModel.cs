using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>
/// The exactness model: a Linear(4, 8) + ReLU trunk, a 3-class cross-entropy head (λ = 1) and a
/// regression head (λ = 0.5). <see cref="HandWrittenTwoHead"/> is its plain TorchSharp twin.
/// </summary>
[MultiTaskModel]
public partial class TwoHeadModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());

    [Head("Kind", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy | MetricKind.MacroF1)]
    readonly Linear kind = Linear(8, 3);

    [Head("Size", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError), LossWeight(0.5)]
    readonly Linear size = Linear(8, 1);
}
