using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>MMoE: four shared experts, a softmax gate per task, a tower per task.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class MmoeModel
{
    [Experts(4)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear Gate() => Linear(6, 4);

    [Tower("A")] readonly Sequential towerA = Sequential(Linear(8, 4), ReLU());
    [Tower("B")] readonly Sequential towerB = Sequential(Linear(8, 4), ReLU());

    [Head("A")] readonly Linear a = Linear(4, 1);
    [Head("B")] readonly Linear b = Linear(4, 1);
}

/// <summary>CGC: two shared experts and one of each task's own; each gate weighs three.</summary>
[MultiTaskModel]
[ModelInput("X", 6)]
public partial class CgcModel
{
    [Experts(2, PerTask = 1)] static Sequential Expert() => Sequential(Linear(6, 8), ReLU());
    [Gate] static Linear Gate() => Linear(6, 3);

    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B")] readonly Linear b = Linear(8, 1);
}

/// <summary>PLE: two CGC levels; the second reads the first level's outputs.</summary>
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
    [Head("B")] readonly Linear b = Linear(8, 1);
}
