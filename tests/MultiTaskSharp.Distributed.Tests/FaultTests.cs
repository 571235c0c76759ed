using System;
using Xunit;

namespace MultiTaskSharp.Distributed.Tests;

/// <summary>A rank that throws, reads bad data, hangs or dies stops the whole job, with an error, in bounded time.</summary>
public sealed class FaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static MpiRun.Outcome Fault(string kind) => MpiRun.Run(2, Bound, MpiRun.Program("tests", "MultiTaskSharp.DistributedProbe"), "fault", kind);

    [Fact]
    public void A_rank_that_throws_stops_every_rank_with_its_error()
    {
        var outcome = Fault("throw");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("stopped on process 1 of 2", outcome.Output, StringComparison.Ordinal); // only rank 1 fails here
        Assert.Contains("the data store went away at batch 2", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("without the expected failure", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_data_on_one_rank_names_the_rank_the_input_and_the_batch()
    {
        var outcome = Fault("bad-data");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("Batch.Input", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("rank 1 of 2, epoch 1, batch 2", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("without the expected failure", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rank_that_hangs_is_caught_by_the_watchdog_of_the_others()
    {
        var outcome = Fault("hang");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("process 0 of 2 waited 3 s in an MPI", outcome.Output, StringComparison.Ordinal);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(55), $"took {outcome.Elapsed}"); // the hang lasts 60 s
    }

    [Fact]
    public void A_rank_that_dies_ends_the_job()
    {
        var outcome = Fault("die");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.DoesNotContain("without the expected failure", outcome.Output, StringComparison.Ordinal);
    }
}
