using System;
using MultiTaskSharp;

namespace Distributed;

/// <summary>Every weighting strategy the product ships, named as in the README, and whether it takes representation gradients.</summary>
public sealed record StrategyCase(string Name, Func<LossWeighting> Create, bool Representation = false)
{
    public static StrategyCase[] All { get; } =
    [
        new("FixedLossWeights", () => new FixedLossWeights(1.0, 0.5)),
        new("ScheduledLossWeights", () => new ScheduledLossWeights((epoch, step) => [1.0, 0.25 + 0.25 * epoch])),
        new("EqualWeighting", () => new EqualWeighting()),
        new("UncertaintyWeighting", () => new UncertaintyWeighting()),
        new("DynamicWeightAverage", () => new DynamicWeightAverage()),
        new("RandomLossWeighting", () => new RandomLossWeighting(seed: 5)),
        new("GeometricLossStrategy", () => new GeometricLossStrategy()),
        new("Famo", () => new Famo()),
        new("GradNorm", () => new GradNorm(), Representation: true),
        new("Mgda", () => new Mgda(), Representation: true),
        new("PCGrad", () => new PCGrad(seed: 5)),
        new("CAGrad", () => new CAGrad()),
        new("ImtlG", () => new ImtlG(), Representation: true),
        new("AlignedMtl", () => new AlignedMtl(), Representation: true),
        new("NashMtl", () => new NashMtl()),
    ];

    /// <summary>A fresh instance, taking its gradients with respect to <paramref name="source"/> when gradient-based.</summary>
    public LossWeighting Instance(GradientSource source)
    {
        var strategy = Create();
        if (strategy is GradientWeighting gradient)
            gradient.Gradients = source;
        return strategy;
    }
}
