using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp;

namespace MultiFashion;

/// <summary>One way of training the multi-task model: a row of the results table.</summary>
/// <param name="Key">The name after <c>--weightings</c>.</param>
/// <param name="Name">The row label.</param>
/// <param name="Create">
/// A fresh strategy for a training seed (stochastic strategies are seeded with it). It is set on a freshly built model
/// before the optimizer is created, so a learnable weighting's parameters are optimised with the model's.
/// </param>
public sealed record MultiTaskVariant(string Key, string Name, Func<int, LossWeighting> Create);

/// <summary>
/// The multi-task training variants the sample compares with the single-task baselines: plain joint training, a fixed
/// trade-off, and every loss-weighting and gradient strategy the product ships, with their papers' hyperparameters.
/// Every variant is trained with every seed, on the same data, batches and optimizer, and gets its own row.
/// </summary>
public static class MultiTaskVariants
{
    public static IReadOnlyList<MultiTaskVariant> All { get; } =
    [
        // The declared weights (1, 1): plain joint training, Sener & Koltun's "uniform scaling" baseline.
        new("ew", "Equal weights", _ => new FixedLossWeights(1.0, 1.0)),
        // A fixed trade-off: the left item's loss counts three times the right's. Shows what a static preference buys one
        // task and costs the other (the MultiMNIST papers sweep such weights for their Pareto fronts).
        new("fixed", "Fixed 0.75 / 0.25", _ => new FixedLossWeights(0.75, 0.25)),
        new("uw", "Uncertainty weighting", _ => new UncertaintyWeighting()),
        new("dwa", "DWA", _ => new DynamicWeightAverage()),
        new("rlw", "RLW", seed => new RandomLossWeighting(seed)),
        new("gls", "GLS", _ => new GeometricLossStrategy()),
        new("famo", "FAMO", _ => new Famo()),
        new("gradnorm", "GradNorm", _ => new GradNorm()),
        new("mgda", "MGDA", _ => new Mgda()),
        // Sener & Koltun's own choice for MultiMNIST: gradients with respect to the shared representation.
        new("mgda-ub", "MGDA-UB", _ => new Mgda { Gradients = GradientSource.Representation }),
        new("pcgrad", "PCGrad", seed => new PCGrad(seed)),
        new("cagrad", "CAGrad", _ => new CAGrad()),
        new("imtl-g", "IMTL-G", _ => new ImtlG()),
        new("aligned-mtl", "Aligned-MTL", _ => new AlignedMtl()),
        new("nash-mtl", "Nash-MTL", _ => new NashMtl()),
    ];

    /// <summary>The variants a quick run trains when none are named: one of each family, to keep it to minutes.</summary>
    public static IReadOnlyList<string> QuickKeys { get; } = ["ew", "uw", "pcgrad", "mgda-ub"];

    public static IEnumerable<string> Keys => All.Select(v => v.Key);

    /// <summary>The named variants in catalog order, or null when a name is unknown.</summary>
    public static IReadOnlyList<MultiTaskVariant>? Select(IEnumerable<string> keys)
    {
        var wanted = keys.Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
        if (wanted.Any(k => !All.Any(v => string.Equals(v.Key, k, StringComparison.OrdinalIgnoreCase))))
            return null;
        return All.Where(v => wanted.Contains(v.Key, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
