using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models.Topologies;

/// <summary>Cross-stitch: two columns of three stages, a unit between consecutive stages.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
[CrossStitch(SelfWeight = 0.9)]
public partial class CrossStitchModel
{
    [Tower("A")]
    readonly Sequential columnA = Sequential(
        Sequential(Linear(4, 8), ReLU()),
        Sequential(Linear(8, 8), ReLU()),
        Sequential(Linear(8, 6), ReLU()));

    [Tower("B")]
    readonly Sequential columnB = Sequential(
        Sequential(Linear(4, 8), ReLU()),
        Sequential(Linear(8, 8), ReLU()),
        Sequential(Linear(8, 6), ReLU()));

    [Head("A")] readonly Linear a = Linear(6, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(6, 3);
}
