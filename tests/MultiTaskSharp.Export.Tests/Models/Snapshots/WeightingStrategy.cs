// The snapshot declaration WeightingStrategy (tests/MultiTaskSharp.Generator.Tests/Declarations), namespace prefixed with
// ExportTests.Snapshots; DeclarationSyncTests fails when the two drift apart.
using System;
using System.Linq;
using MultiTaskSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ExportTests.Snapshots.Topologies.Weighting;

[MultiTaskModel]
[ModelInput("X", 4)]
public partial class WeightedModel
{
    [Trunk] readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
    [Head("A")] readonly Linear a = Linear(8, 1);
    [Head("B", Loss = LossKind.CrossEntropy)] readonly Linear b = Linear(8, 3);

    [Weighting(Gradients = GradientSource.Representation)] readonly EqualGradients weighting = new();
}

/// <summary>Every task's gradient with coefficient 1: the smallest strategy that takes gradients.</summary>
[SupportsRepresentationGradients]
public sealed class EqualGradients : GradientWeighting
{
    public EqualGradients() : base(nameof(EqualGradients)) { }

    protected override GradientUpdate Solve(PresentTasks tasks)
        => Enumerable.Repeat(1.0, tasks.Count).ToArray();
}
