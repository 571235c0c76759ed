using System.Diagnostics;
using System.IO;
using Xunit;

namespace MultiTaskSharp.Build.Tests;

/// <summary>
/// The shipped targets (build/MultiTaskSharp.targets, the package's buildTransitive/) stop a project on a
/// framework the package has no build for with MTLB0002, which names the framework it needs, instead of letting
/// it fail later with the compiler's CS0246 errors. The check runs here as the target alone on a tiny project
/// outside the repository (evaluation only: no restore, no targeting pack needed for the old framework); the
/// consumer of the packed package on net8.0 is checked end to end by .ci/package-e2e.sh.
/// </summary>
public sealed class FrameworkCheckTests
{
    [Theory]
    [InlineData("net8.0")]
    [InlineData("net9.0")]
    [InlineData("netstandard2.1")]
    public void An_older_framework_fails_with_MTLB0002_naming_the_requirement(string framework)
    {
        var (exitCode, log) = RunCheck(framework);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"error MTLB0002: MultiTaskSharp requires net10.0 or later, but Fixture targets {framework}.", log);
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", log);
    }

    [Theory]
    [InlineData("net10.0")]
    [InlineData("net11.0")]
    public void The_supported_framework_or_a_newer_one_passes(string framework)
    {
        var (exitCode, log) = RunCheck(framework);

        Assert.True(exitCode == 0, log);
        Assert.DoesNotContain("MTLB0002", log);
    }

    [Fact]
    public void The_check_can_be_switched_off()
    {
        var (exitCode, log) = RunCheck("net8.0", "-p:MultiTaskSharpSkipFrameworkCheck=true");

        Assert.True(exitCode == 0, log);
    }

    [Fact]
    public void The_required_framework_is_the_runtime_projects()
    {
        // The targets name the framework of lib/: they must change together.
        string project = File.ReadAllText(Path.Combine(Repository.Root, "runtime", "MultiTaskSharp", "MultiTaskSharp.csproj"));
        string targets = File.ReadAllText(Path.Combine(Repository.Root, "build", "MultiTaskSharp.targets"));
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", project);
        Assert.Contains("<_MultiTaskSharpRequiredFramework>net10.0</_MultiTaskSharpRequiredFramework>", targets);
    }

    private static (int ExitCode, string Log) RunCheck(string framework, params string[] extra)
    {
        string directory = Directory.CreateTempSubdirectory("mts-framework-check-").FullName;
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Fixture.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
              </PropertyGroup>
              <Import Project="{Path.Combine(Repository.Root, "build", "MultiTaskSharp.targets")}" />
            </Project>
            """);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (string argument in new[] { "msbuild", "Fixture.csproj", "-t:MultiTaskSharpCheckTargetFramework", "-nologo", "-nodeReuse:false" })
                start.ArgumentList.Add(argument);
            foreach (string argument in extra)
                start.ArgumentList.Add(argument);
            using Process process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string log = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
            process.WaitForExit();
            return (process.ExitCode, log);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
