using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp;

namespace SceneNet;

/// <summary>A weighting strategy the sample can train with: its command-line name, what it is, and how to make one.</summary>
/// <param name="Name">The name after <c>--weighting</c>.</param>
/// <param name="Description">The method and its paper.</param>
/// <param name="Create">A fresh strategy with the paper's defaults (null: the model's declared fixed weights).</param>
public sealed record WeightingChoice(string Name, string Description, Func<int, LossWeighting?> Create);

/// <summary>Every strategy the product ships, with the paper's hyperparameters; seeded where stochastic.</summary>
public static class WeightingCatalog
{
    public static IReadOnlyList<WeightingChoice> All { get; } =
    [
        new("fixed", "declared fixed weights (Shape 1, Mask 0.5)", _ => null),
        // The product's own list, under its names: nothing to keep in step here.
        .. WeightingStrategies.All.Select(s => new WeightingChoice(s.Name, s.Paper, seed => s.Create(seed))),
    ];

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    /// <summary>The choice called <paramref name="name"/> (ignoring case, hyphens and underscores, as the registry does), or null.</summary>
    public static WeightingChoice? Find(string? name)
        => string.Equals(name?.Trim(), "fixed", StringComparison.OrdinalIgnoreCase) ? All[0]
            : WeightingStrategies.Find(name) is { } strategy ? All.First(c => c.Name == strategy.Name) : null;
}
