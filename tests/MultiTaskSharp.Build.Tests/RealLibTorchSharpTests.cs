using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using MultiTaskSharp.BuildTasks;
using Xunit;
using Xunit.Abstractions;

namespace MultiTaskSharp.Build.Tests;

/// <summary>
/// The real TorchSharp library from the NuGet cache: the patch must apply to a copy, touch one byte, and
/// leave the cache file alone. Passes without checking anything (and says so) when the package is not restored.
/// </summary>
public sealed class RealLibTorchSharpTests : IDisposable
{
    private const string TorchSharpVersion = "0.107.0";
    private readonly ITestOutputHelper _output;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "mts-real-libtorchsharp-" + Guid.NewGuid().ToString("N"));

    public RealLibTorchSharpTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void PatchesACopy_AndNeverTheNuGetCache()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(packages, "torchsharp", TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(cached))
        {
            _output.WriteLine($"skipped: {cached} does not exist (TorchSharp {TorchSharpVersion} not restored)");
            return;
        }

        byte[] cacheHash = SHA256.HashData(File.ReadAllBytes(cached));
        DateTime cacheTimestamp = File.GetLastWriteTimeUtc(cached);
        Directory.CreateDirectory(_scratch);
        string copy = Path.Combine(_scratch, "libLibTorchSharp.so");
        File.Copy(cached, copy);
        byte[] before = File.ReadAllBytes(copy);

        VersionNeedAnalysis analysis = LibstdcxxCompat.Analyze(before);
        Assert.Equal(LibstdcxxCompat.ExpectedSymbol, analysis.BoundSymbol);
        Assert.Equal(LibstdcxxPatchOutcome.Patched, LibstdcxxCompat.PatchFile(copy));

        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(after).State);
        Assert.Equal(new[] { (int)analysis.FlagsFileOffset }, Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray());
        Assert.Equal("WEAK", LibstdcxxCompatTests.ReadElfNeededFlags(copy)["GLIBCXX_3.4.32"]);

        Assert.Equal(cacheHash, SHA256.HashData(File.ReadAllBytes(cached)));
        Assert.Equal(cacheTimestamp, File.GetLastWriteTimeUtc(cached));
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
            Directory.Delete(_scratch, recursive: true);
    }
}
