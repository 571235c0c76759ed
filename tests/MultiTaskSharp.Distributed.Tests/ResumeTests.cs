using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Distributed.Tests;

/// <summary>A checkpoint saved on 2 ranks resumes on 1, and one saved by 1 process resumes on 2.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mts-mpi-resume-" + Guid.NewGuid().ToString("N"));

    public ResumeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 2)]
    public void A_checkpoint_resumes_on_a_different_number_of_ranks(int savingRanks, int resumingRanks)
    {
        string probe = MpiRun.Program("tests", "MultiTaskSharp.DistributedProbe");
        string straight = Path.Combine(_folder, "straight.txt"), half = Path.Combine(_folder, "half.txt"), resumed = Path.Combine(_folder, "resumed.txt");
        string checkpoints = Path.Combine(_folder, "checkpoints");
        var timeout = TimeSpan.FromMinutes(2);
        Check(MpiRun.Run(0, timeout, probe, "train", "4", straight));
        Check(MpiRun.Run(savingRanks, timeout, probe, "train", "2", half, "--checkpoints", checkpoints));
        Check(MpiRun.Run(resumingRanks, timeout, probe, "train", "4", resumed, "--resume", Path.Combine(checkpoints, "last.ckpt")));

        double[] a = Read(straight), b = Read(resumed), c = Read(half);
        Assert.Equal(a.Length, b.Length);
        Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) < 1e-5, "resumed parameters differ from four epochs straight");
        Assert.True(a.Zip(c).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, "two epochs already equal four: the comparison cannot fail");
    }

    private static void Check(MpiRun.Outcome outcome) => Assert.True(outcome.ExitCode == 0, outcome.Output);

    private static double[] Read(string path) => File.ReadAllLines(path).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
}
