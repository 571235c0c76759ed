using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Topologies.Connections;

// Three declarations of one shared trunk, a linear First head and a small MLP Second head; they differ only in what
// Second's head reads besides the trunk's features.

/// <summary>No connection: Second's head reads the trunk's features only.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class UnconnectedModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("First", Metric = MetricKind.MeanSquaredError)] readonly Linear first = Linear(32, 1);

    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(32, 4), ReLU());

    [Head("Second", AllowMissing = true, Metric = MetricKind.MeanSquaredError)]
    readonly Sequential second = Sequential(Linear(4, 16), ReLU(), Linear(16, 1));
}

/// <summary>
/// Second's head also reads First's prediction, concatenated after the features (32 + 1 inputs). Detached: Second's
/// loss does not train First's head or, through it, the trunk.
/// </summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class DetachedConnectionModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("First", Metric = MetricKind.MeanSquaredError)] readonly Linear first = Linear(32, 1);

    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(32, 4), ReLU());

    [Head("Second", AllowMissing = true, Metric = MetricKind.MeanSquaredError), TaskInput("First", Detach = true)]
    readonly Sequential second = Sequential(Linear(4 + 1, 16), ReLU(), Linear(16, 1));
}

/// <summary>The same connection with gradients: Second's loss also trains First's head through the prediction it reads.</summary>
[MultiTaskModel]
[ModelInput("X", 8)]
public partial class ConnectedModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(8, 32), ReLU(), Linear(32, 32), ReLU());

    [Head("First", Metric = MetricKind.MeanSquaredError)] readonly Linear first = Linear(32, 1);

    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(32, 4), ReLU());

    [Head("Second", AllowMissing = true, Metric = MetricKind.MeanSquaredError), TaskInput("First")]
    readonly Sequential second = Sequential(Linear(4 + 1, 16), ReLU(), Linear(16, 1));
}
