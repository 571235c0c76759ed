using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>
/// Tasks named like IBatch's members (Count, Index, To), which 0.1.0 reserved: the generated records implement
/// those members explicitly, so batching, slicing and moving a batch still work.
/// </summary>
[MultiTaskModel]
public partial class FormerlyReservedNamesModel
{
    [Trunk]
    readonly Sequential trunk = Sequential(Linear(4, 16), ReLU());

    [Head("Count", Loss = LossKind.MeanSquaredError, Metric = MetricKind.MeanSquaredError)]
    readonly Linear count = Linear(16, 1);

    [Head("Index", Loss = LossKind.CrossEntropy, Metric = MetricKind.Accuracy)]
    readonly Linear index = Linear(16, 2);

    [Head("To", Loss = LossKind.MeanSquaredError)]
    readonly Linear to = Linear(16, 1);
}
