using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ExportTests.Unexportable;

// Models that train but cannot be exported (not opted in, so they compile): export must fail naming the member or
// the module's path, and write nothing.

/// <summary>A head that is a method.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class MethodHeadModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
    readonly Linear linear = Linear(8, 1);

    [Head("A")] Tensor Score(Tensor features) => linear.call(features) * 2;
}

/// <summary>A module of the user's own inside the trunk.</summary>
[MultiTaskModel]
[ModelInput("X", 4)]
public partial class CustomLayerModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), new Doubling());
    [Head("A")] readonly Linear a = Linear(8, 1);
}

/// <summary>Doubles its input: C# the exporter cannot see into.</summary>
public sealed class Doubling : Module<Tensor, Tensor>
{
    public Doubling() : base(nameof(Doubling)) { }

    public override Tensor forward(Tensor x) => x * 2;
}
