using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>Dropout and batch normalisation in the trunk: training depends on the random stream and on buffers.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class DropoutBatchNormModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), BatchNorm1d(8), ReLU(), Dropout(0.2));
    [Head("Kind", Loss = LossKind.CrossEntropy)] readonly Linear kind = Linear(8, 3);
    [Head("Size")] readonly Linear size = Linear(8, 1);
}
