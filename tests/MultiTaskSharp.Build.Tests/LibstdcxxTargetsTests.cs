using System;
using System.Diagnostics;
using System.IO;
using MultiTaskSharp.BuildTasks;
using Xunit;

namespace MultiTaskSharp.Build.Tests;

/// <summary>
/// The shipped build/MultiTaskSharp.targets (the package's buildTransitive/) in real `dotnet build` / `dotnet publish` runs of a tiny
/// project outside the repository, which copies an ELF fixture to where TorchSharp's package puts
/// libLibTorchSharp.so (runtimes/linux-x64/native/ for portable output, next to the app for a RID). The
/// host's libstdc++ is simulated with the fake ones from <see cref="ElfFixtures"/>, so the decision does not
/// depend on the machine running the tests: build output is patched only where the host lacks
/// GLIBCXX_3.4.32, publish output always.
/// </summary>
[Collection(ElfFixtureCollection.Name)]
public sealed class LibstdcxxTargetsTests
{
    private const string PortableCopy = "runtimes/linux-x64/native/libLibTorchSharp.so";
    private readonly ElfFixtures _fixtures;

    public LibstdcxxTargetsTests(ElfFixtures fixtures) => _fixtures = fixtures;

    [Fact]
    public void Build_OnAModernHost_LeavesTheOutputAlone()
    {
        string project = CreateProject(_fixtures.Expected, _fixtures.NewLibstdcxxDirectory);

        Dotnet(project, "build");

        Assert.Equal("none", WeakFlag(Path.Combine(project, "bin/Release/net10.0", PortableCopy)));
    }

    [Fact]
    public void Build_OnAnOldHost_PatchesTheOutputCopyOnly()
    {
        string project = CreateProject(_fixtures.Expected, _fixtures.OldLibstdcxxDirectory);
        byte[] source = File.ReadAllBytes(_fixtures.Expected);

        string log = Dotnet(project, "build");

        Assert.Equal("WEAK", WeakFlag(Path.Combine(project, "bin/Release/net10.0", PortableCopy)));
        Assert.Contains("MultiTaskSharp: marked GLIBCXX_3.4.32 weak in", log);
        Assert.Equal(source, File.ReadAllBytes(_fixtures.Expected)); // stands in for the NuGet cache
    }

    [Fact]
    public void PublishForLinuxX64_OnAModernHost_PatchesThePublishedCopy()
    {
        string project = CreateProject(_fixtures.Expected, _fixtures.NewLibstdcxxDirectory);

        string log = Dotnet(project, "publish", "-r", "linux-x64");

        Assert.Equal("WEAK", WeakFlag(Path.Combine(project, "bin/Release/net10.0/linux-x64/publish/libLibTorchSharp.so")));
        Assert.Contains("(published output: loadable on distributions whose libstdc++ predates GCC 13", log);
        // The build step of the same publish ran on this (modern) host and keeps today's behaviour.
        Assert.Equal("none", WeakFlag(Path.Combine(project, "bin/Release/net10.0/linux-x64/libLibTorchSharp.so")));
    }

    [Fact]
    public void PortablePublish_OnAModernHost_PatchesThePublishedCopy()
    {
        string project = CreateProject(_fixtures.Expected, _fixtures.NewLibstdcxxDirectory);

        Dotnet(project, "publish");

        Assert.Equal("WEAK", WeakFlag(Path.Combine(project, "bin/Release/net10.0/publish", PortableCopy)));
    }

    [Fact]
    public void Publish_WithTheOptOut_LeavesTheOutputAlone()
    {
        string project = CreateProject(_fixtures.Expected, _fixtures.OldLibstdcxxDirectory);

        Dotnet(project, "publish", "-r", "linux-x64", "-p:MultiTaskSharpSkipLibstdcxxPatch=true");

        Assert.Equal("none", WeakFlag(Path.Combine(project, "bin/Release/net10.0/linux-x64/publish/libLibTorchSharp.so")));
        Assert.Equal("none", WeakFlag(Path.Combine(project, "bin/Release/net10.0/linux-x64/libLibTorchSharp.so")));
    }

    [Fact]
    public void UnexpectedLibrary_IsAWarningThatNamesTheRunTimeFailure_AndTheBuildSucceeds()
    {
        string project = CreateProject(_fixtures.TwoSymbols, _fixtures.OldLibstdcxxDirectory);
        string output = Path.Combine(project, "bin/Release/net10.0", PortableCopy);

        string log = Dotnet(project, "build");

        Assert.Contains($"{output} : warning MTLB0001: MultiTaskSharp left ", log);
        Assert.Contains("Loading TorchSharp will fail at run time on this machine", log);
        Assert.Contains("See " + Path.Combine(Repository.Root, "docs", "libstdcxx-compat.md"), log);
        Assert.Equal(File.ReadAllBytes(_fixtures.TwoSymbols), File.ReadAllBytes(output));
    }

    /// <summary>A class library whose output carries <paramref name="library"/> as TorchSharp's native library.</summary>
    private string CreateProject(string library, string hostLibstdcxxDirectory)
    {
        string directory = _fixtures.NewScratchDirectory();
        // Empty Directory.Build.* stop MSBuild from importing anything above the scratch folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Fixture.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <_MultiTaskSharpHostLibraryDirectories>{hostLibstdcxxDirectory}</_MultiTaskSharpHostLibraryDirectories>
              </PropertyGroup>
              <ItemGroup>
                <None Include="{library}" Link="{PortableCopy}" Condition="'$(RuntimeIdentifier)' == ''"
                      CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />
                <None Include="{library}" Link="libLibTorchSharp.so" Condition="'$(RuntimeIdentifier)' != ''"
                      CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
              <Import Project="{Path.Combine(Repository.Root, "build", "MultiTaskSharp.targets")}" />
            </Project>
            """);
        return directory;
    }

    /// <summary>Runs `dotnet verb` in Release on the project; fails with the log unless it exits 0.</summary>
    private static string Dotnet(string project, string verb, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = project,
        };
        foreach (string argument in new[] { verb, "-c", "Release", "-nologo", "-nodeReuse:false", "-v:n" })
            start.ArgumentList.Add(argument);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string log = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {verb} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{log}");
        return log;
    }

    /// <summary>readelf's flags of the GLIBCXX_3.4.32 requirement: "none" or "WEAK".</summary>
    private static string WeakFlag(string library)
    {
        Assert.True(File.Exists(library), $"{library} is missing from the output");
        Assert.NotEqual(VersionNeedState.NotRequired, LibstdcxxCompat.Analyze(File.ReadAllBytes(library)).State);
        return LibstdcxxCompatTests.ReadElfNeededFlags(library)["GLIBCXX_3.4.32"];
    }
}
