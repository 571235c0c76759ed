using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace Topologies;

/// <summary>The options every subcommand takes.</summary>
/// <param name="Quick">A small configuration (fewer seeds, examples and epochs) that finishes in well under a minute.</param>
/// <param name="Seed">The first seed; repeated runs use <c>Seed</c>, <c>Seed + 1</c>, …</param>
/// <param name="Device">Where the models train.</param>
public sealed record TopologyOptions(bool Quick, int Seed, torch.Device Device)
{
    /// <summary>The seeds of the repeated runs: <paramref name="full"/> of them, or <paramref name="quick"/> with --quick.</summary>
    public IReadOnlyList<int> Seeds(int full, int quick) => [.. Enumerable.Range(Seed, Quick ? quick : full)];

    /// <summary><paramref name="full"/>, or <paramref name="quick"/> with --quick.</summary>
    public int Pick(int full, int quick) => Quick ? quick : full;
}
