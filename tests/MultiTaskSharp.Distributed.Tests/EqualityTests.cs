using System;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Distributed.Tests;

/// <summary>
/// Two ranks against one process on the whole batches, for every strategy the product ships (with parameter and, where
/// supported, representation gradients) and for one model of each topology: samples/Distributed --check, one launch.
/// </summary>
public sealed class EqualityTests
{
    private static readonly string[] Strategies =
    [
        "FixedLossWeights", "ScheduledLossWeights", "EW", "UW", "DWA", "RLW",
        "GLS", "FAMO", "GradNorm", "MGDA", "PCGrad", "CAGrad", "IMTLG", "AlignedMTL", "NashMTL", "STCH", "IMTL", "GradVac", "RGW", "FairGrad", "UPGrad",
    ];

    [Fact]
    public void Two_ranks_train_the_same_model_as_one_process_for_every_strategy_and_topology()
    {
        var outcome = MpiRun.Run(2, TimeSpan.FromMinutes(5), MpiRun.Program("samples", "Distributed"), "--check");

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var rows = outcome.Output.Split('\n').Where(l => l.EndsWith("ok", StringComparison.Ordinal) || l.EndsWith("MISMATCH", StringComparison.Ordinal)).ToArray();
        foreach (var strategy in Strategies)
            Assert.Contains(rows, r => r.StartsWith(strategy + " ", StringComparison.Ordinal) && r.Contains("HardSharing", StringComparison.Ordinal));
        foreach (var topology in new[] { "MMoE", "CGC", "CrossStitch", "SoftSharing", "BatchNorm" })
            Assert.Contains(rows, r => r.Contains(topology, StringComparison.Ordinal));
        // GradNorm, MGDA, IMTLG, AlignedMTL, IMTL and RGW take representation gradients too.
        Assert.Equal(6, rows.Count(r => r.Contains("Representation", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.EndsWith("ok", r));
        // The check compares something: the processes' runs are not bit-identical to the single process's.
        Assert.Contains(rows, r => double.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("PASS: all", outcome.Output, StringComparison.Ordinal);
    }
}
