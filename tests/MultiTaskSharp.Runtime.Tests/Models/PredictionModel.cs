using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>One head of each non-pixel output kind, and dropout, for the typed prediction tests.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class PredictionModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU(), Dropout(0.5));
    [Head("Kind", Loss = LossKind.CrossEntropy)] readonly Linear kind = Linear(8, 3);
    [Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits)] readonly Linear tags = Linear(8, 2);
    [Head("Size")] readonly Linear size = Linear(8, 1);
}
