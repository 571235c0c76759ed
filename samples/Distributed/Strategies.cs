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
        new("EW", () => new EW()),
        new("UW", () => new UW()),
        new("DWA", () => new DWA()),
        new("RLW", () => new RLW(seed: 5)),
        new("GLS", () => new GLS()),
        new("FAMO", () => new FAMO()),
        new("GradNorm", () => new GradNorm(), Representation: true),
        new("MGDA", () => new MGDA(), Representation: true),
        new("PCGrad", () => new PCGrad(seed: 5)),
        new("CAGrad", () => new CAGrad()),
        new("IMTLG", () => new IMTLG(), Representation: true),
        new("AlignedMTL", () => new AlignedMTL(), Representation: true),
        new("NashMTL", () => new NashMTL()),
        new("STCH", () => new STCH()),
        new("IMTL", () => new IMTL(), Representation: true),
        new("GradVac", () => new GradVac(seed: 5)),
        new("RGW", () => new RGW(seed: 5), Representation: true),
        new("FairGrad", () => new FairGrad()),
        new("UPGrad", () => new UPGrad()),
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
