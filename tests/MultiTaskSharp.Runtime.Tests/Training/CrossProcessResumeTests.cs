using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>
/// Four epochs straight equal two epochs, a checkpoint, a new process, and two more epochs: bit for bit on CPU with a
/// fixed thread count. Each run is a separate process (tests/MultiTaskSharp.ResumeProbe).
/// </summary>
public sealed class CrossProcessResumeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mts-resume-" + Guid.NewGuid().ToString("N"));

    public CrossProcessResumeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Two_epochs_a_checkpoint_a_new_process_and_two_more_equal_four_epochs()
    {
        string straight = Path.Combine(_folder, "straight.bin"), half = Path.Combine(_folder, "half.bin"), resumed = Path.Combine(_folder, "resumed.bin");
        string checkpoints = Path.Combine(_folder, "checkpoints");
        Probe("4", straight);
        Probe("2", half, "--checkpoints", checkpoints);
        Probe("4", resumed, "--resume", Path.Combine(checkpoints, "last.ckpt"));

        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(resumed));
        Assert.NotEqual(File.ReadAllBytes(straight), File.ReadAllBytes(half)); // the comparison can fail
    }

    private static void Probe(params string[] arguments)
    {
        // This assembly runs from tests/MultiTaskSharp.Runtime.Tests/bin/<Configuration>/net10.0; the probe is built beside it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var probe = Path.Combine(output.Parent.Parent!.Parent!.Parent!.FullName, "MultiTaskSharp.ResumeProbe", "bin", configuration, "net10.0", "MultiTaskSharp.ResumeProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.GetFullPath(probe));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the probe did not finish in time");
        Assert.True(process.ExitCode == 0, $"resume probe {string.Join(' ', arguments)} failed:\n{error}");
    }
}
