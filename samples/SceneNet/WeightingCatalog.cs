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
        new("ew", "equal weights", _ => new EqualWeighting()),
        new("uw", "uncertainty weighting (Kendall et al., CVPR 2018)", _ => new UncertaintyWeighting()),
        new("dwa", "dynamic weight average, T = 2 (Liu et al., CVPR 2019)", _ => new DynamicWeightAverage()),
        new("rlw", "random loss weighting (Lin et al., TMLR 2022)", seed => new RandomLossWeighting(seed)),
        new("gls", "geometric loss strategy (Chennupati et al., CVPRW 2019)", _ => new GeometricLossStrategy()),
        new("famo", "FAMO (Liu et al., NeurIPS 2023)", _ => new Famo()),
        new("gradnorm", "GradNorm, α = 1.5 (Chen et al., ICML 2018)", _ => new GradNorm()),
        new("mgda", "MGDA, parameter gradients (Sener & Koltun, NeurIPS 2018)", _ => new Mgda()),
        new("mgda-ub", "MGDA-UB, representation gradients (Sener & Koltun, NeurIPS 2018)", _ => new Mgda { Gradients = GradientSource.Representation }),
        new("pcgrad", "PCGrad (Yu et al., NeurIPS 2020)", seed => new PCGrad(seed)),
        new("cagrad", "CAGrad, c = 0.5 (Liu et al., NeurIPS 2021)", _ => new CAGrad()),
        new("imtl-g", "IMTL-G (Liu et al., ICLR 2021)", _ => new ImtlG()),
        new("aligned-mtl", "Aligned-MTL (Senushkin et al., CVPR 2023)", _ => new AlignedMtl()),
        new("nash-mtl", "Nash-MTL (Navon et al., ICML 2022)", _ => new NashMtl()),
    ];

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    public static WeightingChoice? Find(string? name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
