using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>A task whose loss is a method of the model; <see cref="Reduce"/> switches it to a (wrong) per-example loss.</summary>
[MultiTaskModel]
public partial class CustomLossModel
{
    [Trunk]
    readonly Linear trunk = Linear(3, 4);

    [Head("Value", LossMethod = nameof(SquaredError))]
    readonly Linear value = Linear(4, 1);

    /// <summary>When false, <see cref="SquaredError"/> forgets to reduce and returns one loss per example.</summary>
    public bool Reduce { get; set; } = true;

    Tensor SquaredError(Tensor prediction, Tensor target)
    {
        var squared = (prediction - target).square();
        return Reduce ? squared.mean() : squared;
    }
}
