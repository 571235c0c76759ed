using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>Whether a strategy weighs the losses (one backward pass) or combines per-task gradients.</summary>
public enum WeightingFamily
{
    /// <summary>Weighs the task losses; one backward pass, the cost of plain training.</summary>
    Loss,

    /// <summary>Combines the per-task gradients of the shared part; one backward pass per task.</summary>
    Gradient,
}

/// <summary>One strategy the product ships, under the name its paper (and LibMTL) gives it.</summary>
/// <param name="Name">The paper's short name, as users search for it (the class name, but for configurations such as MGDA-UB).</param>
/// <param name="Family">Loss- or gradient-based.</param>
/// <param name="Paper">Authors, venue and year.</param>
/// <param name="Create">A fresh instance with the paper's defaults; stochastic strategies are seeded with the argument.</param>
public sealed record WeightingStrategy(string Name, WeightingFamily Family, string Paper, Func<long, LossWeighting> Create);

/// <summary>
/// Every weighting strategy the product ships, in one list: what the samples' <c>--weighting</c> accept, what the
/// documentation tables list and what the tests train. A new strategy is added here once.
/// </summary>
public static class WeightingStrategies
{
    /// <summary>Every strategy, loss-based first, each under its paper's short name.</summary>
    public static IReadOnlyList<WeightingStrategy> All { get; } =
    [
        new("EW", WeightingFamily.Loss, "equal weights, the baseline (LibMTL, Lin & Zhang, JMLR 2023)", _ => new EW()),
        new("UW", WeightingFamily.Loss, "uncertainty weighting, Kendall et al., CVPR 2018", _ => new UW()),
        new("DWA", WeightingFamily.Loss, "dynamic weight average, Liu et al., CVPR 2019", _ => new DWA()),
        new("RLW", WeightingFamily.Loss, "random loss weighting, Lin et al., TMLR 2022", seed => new RLW(seed)),
        new("GLS", WeightingFamily.Loss, "geometric loss strategy, Chennupati et al., CVPRW 2019", _ => new GLS()),
        new("FAMO", WeightingFamily.Loss, "fast adaptive multitask optimization, Liu et al., NeurIPS 2023", _ => new FAMO()),
        new("STCH", WeightingFamily.Loss, "smooth Tchebycheff scalarization, Lin et al., ICML 2024", _ => new STCH()),
        new("GradNorm", WeightingFamily.Gradient, "gradient normalization, Chen et al., ICML 2018", _ => new GradNorm()),
        new("MGDA", WeightingFamily.Gradient, "multiple gradient descent, Sener & Koltun, NeurIPS 2018", _ => new MGDA()),
        new("MGDA-UB", WeightingFamily.Gradient, "MGDA on representation gradients, Sener & Koltun, NeurIPS 2018", _ => new MGDA { Gradients = GradientSource.Representation }),
        new("PCGrad", WeightingFamily.Gradient, "projecting conflicting gradients, Yu et al., NeurIPS 2020", seed => new PCGrad(seed)),
        new("CAGrad", WeightingFamily.Gradient, "conflict-averse gradient descent, Liu et al., NeurIPS 2021", _ => new CAGrad()),
        new("IMTLG", WeightingFamily.Gradient, "impartial MTL, gradient part, Liu et al., ICLR 2021", _ => new IMTLG()),
        new("AlignedMTL", WeightingFamily.Gradient, "independent component alignment, Senushkin et al., CVPR 2023", _ => new AlignedMTL()),
        new("NashMTL", WeightingFamily.Gradient, "bargaining game, Navon et al., ICML 2022", _ => new NashMTL()),
        new("IMTL", WeightingFamily.Gradient, "impartial MTL, IMTL-L + IMTL-G, Liu et al., ICLR 2021", _ => new IMTL()),
        new("GradVac", WeightingFamily.Gradient, "gradient vaccine, Wang et al., ICLR 2021", seed => new GradVac(seed: seed)),
        new("RGW", WeightingFamily.Gradient, "random gradient weighting, Lin et al., TMLR 2022", seed => new RGW(seed)),
        new("FairGrad", WeightingFamily.Gradient, "fair resource allocation, Ban & Ji, ICML 2024", _ => new FairGrad()),
        new("UPGrad", WeightingFamily.Gradient, "Jacobian descent, Quinton & Rey, 2024", _ => new UPGrad()),
    ];

    /// <summary>The names, in <see cref="All"/>'s order.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>
    /// The strategy called <paramref name="name"/>, ignoring case, hyphens and underscores (<c>nash-mtl</c>,
    /// <c>Nash_MTL</c> and <c>NashMTL</c> are one), or null.
    /// </summary>
    public static WeightingStrategy? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var key = Normalize(name);
        return All.FirstOrDefault(s => Normalize(s.Name) == key);
    }

    private static string Normalize(string name)
        => new(name.Trim().Where(c => c != '-' && c != '_').Select(char.ToLowerInvariant).ToArray());
}
