using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Topologies.Mmoe;

// The three models of the benchmark, with parameter counts matched as in the MMoE paper: 8 experts of one ReLU layer
// of 16 units, towers of one ReLU layer of 8 units; the shared-bottom's single hidden layer is as wide as that budget
// allows (126 units: 14,776 parameters against MMoE's 14,834; CGC's smaller gates leave it 14,430).

/// <summary>Shared-bottom: one hidden layer every task reads, then a tower and a head per task.</summary>
[MultiTaskModel]
[ModelInput("X", 100)]
public partial class SharedBottomModel
{
    [Trunk] readonly Sequential bottom = Sequential(Linear(100, 126), ReLU());

    [Tower("Y1")] readonly Sequential tower1 = Sequential(Linear(126, 8), ReLU());
    [Tower("Y2")] readonly Sequential tower2 = Sequential(Linear(126, 8), ReLU());

    [Head("Y1", Metric = MetricKind.MeanSquaredError)] readonly Linear y1 = Linear(8, 1);
    [Head("Y2", Metric = MetricKind.MeanSquaredError)] readonly Linear y2 = Linear(8, 1);
}

/// <summary>MMoE (Ma et al., KDD 2018): 8 shared experts; each task mixes them with its own softmax gate.</summary>
[MultiTaskModel]
[ModelInput("X", 100)]
public partial class MmoeModel
{
    [Experts(8)] static Sequential Expert() => Sequential(Linear(100, 16), ReLU());
    [Gate] static Linear Gate() => Linear(100, 8);

    [Tower("Y1")] readonly Sequential tower1 = Sequential(Linear(16, 8), ReLU());
    [Tower("Y2")] readonly Sequential tower2 = Sequential(Linear(16, 8), ReLU());

    [Head("Y1", Metric = MetricKind.MeanSquaredError)] readonly Linear y1 = Linear(8, 1);
    [Head("Y2", Metric = MetricKind.MeanSquaredError)] readonly Linear y2 = Linear(8, 1);
}

/// <summary>
/// CGC (Tang et al., RecSys 2020): the same 8 experts split into 4 shared and 2 of each task's own; each task's gate
/// weighs the 4 shared experts and its own 2.
/// </summary>
[MultiTaskModel]
[ModelInput("X", 100)]
public partial class CgcModel
{
    /// <summary>The experts every task's gate weighs first; then come the task's own two.</summary>
    public const int SharedExpertCount = 4;

    [Experts(SharedExpertCount, PerTask = 2)] static Sequential Expert() => Sequential(Linear(100, 16), ReLU());
    [Gate] static Linear Gate() => Linear(100, 6);

    [Tower("Y1")] readonly Sequential tower1 = Sequential(Linear(16, 8), ReLU());
    [Tower("Y2")] readonly Sequential tower2 = Sequential(Linear(16, 8), ReLU());

    [Head("Y1", Metric = MetricKind.MeanSquaredError)] readonly Linear y1 = Linear(8, 1);
    [Head("Y2", Metric = MetricKind.MeanSquaredError)] readonly Linear y2 = Linear(8, 1);
}
