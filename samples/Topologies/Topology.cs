using System;
using Topologies.Mmoe;

namespace Topologies;

/// <summary>One subcommand: a sharing topology and the experiment that shows what it does.</summary>
/// <param name="Command">The subcommand name.</param>
/// <param name="Summary">One line for help and headers.</param>
/// <param name="Run">Trains, tests and judges the models; returns the exit code (0 = PASS).</param>
public sealed record Topology(string Command, string Summary, Func<TopologyOptions, SinusoidParameters, int> Run)
{
    public static Topology[] All { get; } =
    [
        new("soft-sharing", "few examples, two related tasks: independent towers vs soft sharing (several λ, squared L2 and trace norm) vs hard sharing",
            (options, _) => SoftSharing.SoftSharingExperiment.Run(options)),
        new("connections", "a task chain (Second depends nonlinearly on First): a head reading First's output vs the same model without the connection",
            (options, _) => Connections.ConnectionsExperiment.Run(options)),
        new("cross-stitch", "two related tasks: cross-stitched columns vs independent columns vs a shared trunk; the learned mixing matrices",
            (options, _) => CrossStitch.CrossStitchExperiment.Run(options)),
        new("mmoe", "the MMoE paper's synthetic benchmark: shared-bottom vs MMoE vs CGC at task correlations 1.0, 0.9, 0.5, 0.0",
            MmoeExperiment.Run),
    ];
}
