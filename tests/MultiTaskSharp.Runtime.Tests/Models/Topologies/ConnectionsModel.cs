using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>
/// Task-to-task connections on a shared trunk: Second's head reads First's output (detached) and Third's tower reads
/// Second's hidden features with gradients. Declared out of order: the generated forward pass orders them.
/// </summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class ConnectionsModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());

    [Tower("Third"), TaskInput("Second", Signal = TaskSignal.Hidden)] readonly Linear thirdTower = Linear(8 + 6, 5);
    [Head("Third")] readonly Linear third = Linear(5, 1);

    [Tower("Second")] readonly Sequential secondTower = Sequential(Linear(8, 6), ReLU());
    [Head("Second"), TaskInput("First", Detach = true)] readonly Linear second = Linear(6 + 2, 1);

    [Head("First")] readonly Linear first = Linear(8, 2);
}
