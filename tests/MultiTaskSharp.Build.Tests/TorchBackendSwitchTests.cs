using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MultiTaskSharp.Build.Tests;

/// <summary>
/// The documented backend switch: executables reference TorchSharp-cpu by default and TorchSharp-cuda-linux
/// with -p:TorchBackend=cuda. Checked by MSBuild evaluation (no restore), since the CUDA package is not
/// served on every machine.
/// </summary>
public sealed class TorchBackendSwitchTests
{
    [Theory]
    [InlineData(null, "TorchSharp-cpu", "TorchSharp-cuda-linux")]
    [InlineData("cpu", "TorchSharp-cpu", "TorchSharp-cuda-linux")]
    [InlineData("cuda", "TorchSharp-cuda-linux", "TorchSharp-cpu")]
    public void The_sample_references_the_selected_backend_only(string? backend, string expected, string absent)
    {
        var references = PackageReferences(Path.Combine(Repository.Root, "samples", "SceneNet", "SceneNet.csproj"), backend);
        Assert.Contains(expected, references);
        Assert.DoesNotContain(absent, references);
    }

    [Fact]
    public void The_runtime_references_no_backend()
    {
        var references = PackageReferences(Path.Combine(Repository.Root, "runtime", "MultiTaskSharp", "MultiTaskSharp.csproj"), "cuda");
        Assert.Contains("TorchSharp", references);
        Assert.DoesNotContain(references, r => r.StartsWith("TorchSharp-", StringComparison.Ordinal));
    }

    private static string[] PackageReferences(string project, string? backend)
    {
        var arguments = $"msbuild \"{project}\" -getItem:PackageReference -nologo" + (backend is null ? "" : $" -p:TorchBackend={backend}");
        using var process = Process.Start(new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed:\n{output}\n{errors}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference")
            .EnumerateArray().Select(item => item.GetProperty("Identity").GetString()!).ToArray();
    }
}
