using System.Collections.Generic;
using MultiTaskSharp;

namespace MultiFashion;

/// <summary>One way of training the multi-task model: a row of the results table.</summary>
/// <param name="Name">The row label.</param>
/// <param name="Configure">
/// Applied to a freshly built model before the optimizer is created (a learnable weighting registers its
/// parameters then). A strategy that plugs in somewhere else than the model, e.g. a step option, adds a
/// member here.
/// </param>
public sealed record MultiTaskVariant(string Name, System.Action<MultiLeNet> Configure);

/// <summary>
/// The multi-task training variants the sample compares with the single-task baselines. This is the one
/// place to add a loss-weighting or gradient strategy: every variant is trained with every seed, on the
/// same data, batches and optimizer, and gets its own row in the table.
/// </summary>
public static class MultiTaskVariants
{
    public static IReadOnlyList<MultiTaskVariant> All { get; } =
    [
        // The declared weights (1, 1): plain joint training, Sener & Koltun's "uniform scaling" baseline.
        new("Multi-task, equal weights", model => model.LossWeighting = new FixedLossWeights(1.0, 1.0)),
        // A fixed trade-off: the left item's loss counts three times the right's. Shows what a static
        // preference buys one task and costs the other (the MultiMNIST papers sweep such weights for their Pareto fronts).
        new("Multi-task, weights 0.75 / 0.25", model => model.LossWeighting = new FixedLossWeights(0.75, 0.25)),
    ];
}
