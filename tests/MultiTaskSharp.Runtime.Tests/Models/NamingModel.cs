using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>
/// Members spelled the ways C# code spells them (a leading <c>_</c>, <c>m_</c>, an auto-property, a
/// <c>Parameter</c> field used by a method head), to check the PyTorch-style names they register under.
/// </summary>
[MultiTaskModel]
public partial class NamingModel
{
    [Trunk]
    readonly Sequential _trunk = Sequential(Linear(4, 6), ReLU());

    [Head("Shape", Loss = LossKind.CrossEntropy)]
    readonly Sequential m_shape = Sequential(Linear(6, 3));

    [Head("Value")]
    Linear Value { get; } = Linear(6, 1);

    readonly Linear _scaledHead = Linear(6, 1);

    readonly Parameter _scale = Parameter(ones(1));

    [Head("Scaled")]
    Tensor Scaled(Tensor features) => _scaledHead.call(features) * _scale;
}
