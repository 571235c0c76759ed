using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>MGDA declared with representation gradients, the strategy object left at its default.</summary>
[MultiTaskModel]
public partial class DeclaredRepresentationModel
{
    [Trunk]
    readonly Linear shared = Linear(3, 4);

    [Head("A")]
    readonly Linear a = Linear(4, 1);

    [Head("B")]
    readonly Linear b = Linear(4, 1);

    [Weighting(Gradients = GradientSource.Representation)]
    readonly MGDA weighting = new();
}

/// <summary>The same declaration, but the user chose parameter gradients on the strategy object itself.</summary>
[MultiTaskModel]
public partial class UserChosenGradientsModel
{
    [Trunk]
    readonly Linear shared = Linear(3, 4);

    [Head("A")]
    readonly Linear a = Linear(4, 1);

    [Head("B")]
    readonly Linear b = Linear(4, 1);

    [Weighting(Gradients = GradientSource.Representation)]
    readonly MGDA weighting = new() { Gradients = GradientSource.Parameters };
}
