using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Deploy.Topologies;

// One small model per topology the exporter covers, exported (untrained: an export is just weights) by
// `Deploy --out DIR` into DIR/topologies/. Shapes are tiny on purpose: the files are for reading and checking.

/// <summary>Hard sharing: one trunk, two heads.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class HardSharingModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(6, 16), BatchNorm1d(16), ReLU(), Dropout(0.1), Linear(16, 8), Tanh());
    [Head("Value")] readonly Linear value = Linear(8, 1);
    [Head("Kind", Loss = LossKind.CrossEntropy)] readonly Linear kind = Linear(8, 3);
}

/// <summary>Several inputs, each with its stem, into one trunk; a classifier and a multi-label head.</summary>
[MultiTaskModel]
[ModelInput("A", 12)]
[ModelInput("B", 6)]
public partial class StemsModel
{
    [Stem("A")] readonly Linear stemA = Linear(12, 16);
    [Stem("B")] readonly Linear stemB = Linear(6, 16);
    [Trunk] readonly Sequential trunk = Sequential(ReLU(), Linear(16, 16), ReLU());
    [Head("Kind", Input = "A", Loss = LossKind.CrossEntropy)] readonly Linear kind = Linear(16, 5);
    [Head("Tags", Input = "B", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear tags = Linear(16, 3);
}

/// <summary>Towers only: a shared stem, no trunk, one tower per task.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class TowersModel
{
    [Stem("X")] readonly Linear stem = Linear(6, 8);
    [Tower("A")] readonly Sequential towerA = Sequential(ReLU(), Linear(8, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(ReLU(), Linear(8, 4), Tanh());
    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(4, 3);
}

/// <summary>Soft sharing: separate towers tied by a penalty at training time (the penalty is not part of inference).</summary>
[MultiTaskModel]
[ModelInput("X", 5)]
[SoftSharing(0.1)]
public partial class SoftSharingModel
{
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(5, 8), ReLU(), Linear(8, 8), ReLU());
    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 2);
}

/// <summary>Task-to-task connections: a tower reads another task's hidden signal, a head another task's output.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class ConnectionsModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
    [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear(8 + 6, 5);
    [Head("Third")] readonly Linear third = Linear(5, 1);
    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
    [Head("Second"), TaskInput("First", Detach = true)] readonly Linear second = Linear(6 + 2, 1);
    [Head("First", Loss = LossKind.CrossEntropy)] readonly Linear first = Linear(8, 2);
}

/// <summary>Cross-stitch units between the stages of two task columns.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
[CrossStitch(SelfWeight = 0.8)]
public partial class CrossStitchModel
{
    [Tower("A")] readonly Sequential columnA = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU()), Sequential(Linear(8, 6), ReLU()));
    [Tower("B")] readonly Sequential columnB = Sequential(Sequential(Linear(4, 8), ReLU()), Sequential(Linear(8, 8), ReLU()), Sequential(Linear(8, 6), ReLU()));
    [Head("A")] readonly Linear a = Linear(6, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(6, 3);
}

/// <summary>MMoE: shared experts, one softmax gate per task.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class MmoeModel
{
    [Experts(4)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear Gate() => Linear(6, 4);
    [Tower("A")] readonly Sequential towerA = Sequential(Linear(8, 4), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(8, 4), ReLU());
    [Head("A")] readonly Linear a = Linear(4, 1);
    [Head("B", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear b = Linear(4, 1);
}

/// <summary>CGC: shared and per-task experts, each task's gate over its own and the shared ones.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class CgcModel
{
    [Experts(2, PerTask = 1)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear Gate() => Linear(6, 3);
    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 3);
}

/// <summary>PLE: two levels of CGC, the lower one with a shared gate.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class PleModel
{
    [Experts(2, PerTask = 1)] static Sequential Bottom() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear BottomGate() => Linear(6, 3);
    [Gate(Shared = true)] static Linear BottomSharedGate() => Linear(6, 4);
    [Experts(1, PerTask = 1, Level = 1)] static Sequential Top() => Sequential(Linear(8, 8), ReLU());
    [Gate(Level = 1)] static Linear TopGate() => Linear(8, 2);
    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 3);
}
