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
        // A fixed trade-off: the left item's loss counts three times the right's. Shows what a static preference buys one
        // task and costs the other (the MultiMNIST papers sweep such weights for their Pareto fronts).
        new("fixed", "Fixed 0.75 / 0.25", _ => new FixedLossWeights(0.75, 0.25)),
        // Every strategy the product ships, under the registry's names (EW is plain joint training, Sener & Koltun's
        // "uniform scaling" baseline; MGDA-UB is their own choice for MultiMNIST).
        .. WeightingStrategies.All.Select(s => new MultiTaskVariant(s.Name, s.Name, seed => s.Create(seed))),
    ];

    /// <summary>The variants a quick run trains when none are named: one of each family, to keep it to minutes.</summary>
    public static IReadOnlyList<string> QuickKeys { get; } = ["EW", "UW", "PCGrad", "MGDA-UB"];

    public static IEnumerable<string> Keys => All.Select(v => v.Key);

    /// <summary>The variant called <paramref name="key"/> (ignoring case, hyphens and underscores, as the registry does), or null.</summary>
    public static MultiTaskVariant? Find(string key)
        => string.Equals(key, "fixed", StringComparison.OrdinalIgnoreCase) ? All[0]
            : WeightingStrategies.Find(key) is { } strategy ? All.First(v => v.Key == strategy.Name) : null;

    /// <summary>The named variants in catalog order, or null when a name is unknown.</summary>
    public static IReadOnlyList<MultiTaskVariant>? Select(IEnumerable<string> keys)
    {
        var wanted = keys.Select(k => k.Trim()).Where(k => k.Length > 0).Select(Find).ToList();
        if (wanted.Any(v => v is null))
            return null;
        return All.Where(wanted.Contains).ToList();
    }
}
