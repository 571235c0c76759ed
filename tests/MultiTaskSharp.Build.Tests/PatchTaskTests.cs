using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MultiTaskSharp.BuildTasks;
using Xunit;

namespace MultiTaskSharp.Build.Tests;

/// <summary>The MSBuild wrapper: host decision, one log line per library, warnings (never errors) for files it cannot patch.</summary>
[Collection(ElfFixtureCollection.Name)]
public sealed class PatchTaskTests
{
    private readonly ElfFixtures _fixtures;

    public PatchTaskTests(ElfFixtures fixtures) => _fixtures = fixtures;

    [Fact]
    public void OldHost_PatchesAndLogsOneHighImportanceLine()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        (MessageImportance importance, string text) = Assert.Single(engine.Messages);
        Assert.Equal(MessageImportance.High, importance);
        Assert.Equal($"MultiTaskSharp: marked GLIBCXX_3.4.32 weak in {library} (host libstdc++ provides up to GLIBCXX_3.4.30)", text);
        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(library)).State);
    }

    [Fact]
    public void OldHost_SecondRunReportsAlreadyPatched()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        Assert.True(Run(new RecordingBuildEngine(), library, _fixtures.OldLibstdcxxDirectory));
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        (MessageImportance importance, string text) = Assert.Single(engine.Messages);
        Assert.Equal(MessageImportance.High, importance);
        Assert.StartsWith("MultiTaskSharp: GLIBCXX_3.4.32 already weak in ", text);
    }

    [Fact]
    public void ModernHost_LeavesTheLibraryAlone()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.NewLibstdcxxDirectory));

        Assert.Equal(before, File.ReadAllBytes(library));
        Assert.All(engine.Messages, m => Assert.Equal(MessageImportance.Low, m.Importance));
    }

    [Fact]
    public void AnyOldLibstdcxxOnTheHost_IsEnoughToPatch()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);

        Assert.True(Run(new RecordingBuildEngine(), library, _fixtures.NewLibstdcxxDirectory, _fixtures.OldLibstdcxxDirectory));

        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(library)).State);
    }

    [Fact]
    public void NoHostLibstdcxx_LeavesTheLibraryAlone()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.NewScratchDirectory()));

        Assert.Equal(before, File.ReadAllBytes(library));
        (MessageImportance importance, string text) = Assert.Single(engine.Messages);
        Assert.Equal(MessageImportance.Low, importance);
        Assert.Contains("no libstdc++.so.6", text);
    }

    [Fact]
    public void UnexpectedShape_WarnsWithWhatFailsAtRunTime_AndDoesNotFailTheBuild()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.TwoSymbols);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        Assert.Empty(engine.Errors);
        BuildWarningEventArgs warning = Assert.Single(engine.Warnings);
        Assert.Equal("MTLB0001", warning.Code);                                        // stable, suppressible
        Assert.Equal(library, warning.File);                                           // which file
        string message = warning.Message!;
        Assert.Contains("_ZSt21ios_base_library_initv, other_3_4_32", message);        // what was found
        Assert.Contains("expected exactly _ZSt21ios_base_library_initv", message);     // what was expected
        Assert.Contains("Loading TorchSharp will fail at run time on this machine", message); // the consequence, here
        Assert.Contains("libstdc++.so.6 provides only up to GLIBCXX_3.4.30", message);
        Assert.Contains("version `GLIBCXX_3.4.32' not found", message);                // the error the user will see
        Assert.Contains("MultiTaskSharpSkipLibstdcxxPatch=true", message);             // the way out
        Assert.Equal(before, File.ReadAllBytes(library));
    }

    [Fact]
    public void UnexpectedShape_InPublishedOutput_WarnsAboutOlderDistributions()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Relocated);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        // A modern host: published output is checked anyway, since it runs elsewhere.
        Assert.True(Run(engine, library, patchRegardlessOfHost: true, _fixtures.NewLibstdcxxDirectory));

        BuildWarningEventArgs warning = Assert.Single(engine.Warnings);
        Assert.Equal("MTLB0001", warning.Code);
        Assert.Contains("referenced by a relocation", warning.Message);
        Assert.Contains("fail at run time on distributions whose libstdc++ predates GCC 13 (such as Debian 12 and Ubuntu 22.04)", warning.Message);
        Assert.Equal(before, File.ReadAllBytes(library));
    }

    [Fact]
    public void NonElfLibrary_Warns()
    {
        string library = Path.Combine(_fixtures.NewScratchDirectory(), "libLibTorchSharp.so");
        File.WriteAllText(library, "not a library");
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        BuildWarningEventArgs warning = Assert.Single(engine.Warnings);
        Assert.Equal("MTLB0001", warning.Code);
        Assert.Equal(library, warning.File);
        Assert.Contains($"left {library} unchanged: not an ELF file", warning.Message);
    }

    [Fact]
    public void Warning_NamesTheDocumentation_WhenGiven()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.OtherName);
        var engine = new RecordingBuildEngine();
        var task = new MultiTaskSharpLibstdcxxCompatPatch
        {
            BuildEngine = engine,
            Libraries = new ITaskItem[] { new TaskItem(library) },
            HostLibraryDirectories = new[] { _fixtures.OldLibstdcxxDirectory },
            DocumentationPath = "/pkg/docs/libstdcxx-compat.md",
        };

        Assert.True(task.Execute());

        Assert.Contains("See /pkg/docs/libstdcxx-compat.md.", Assert.Single(engine.Warnings).Message);
    }

    [Fact]
    public void PatchRegardlessOfHost_PatchesOnAModernHost()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.Expected);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, patchRegardlessOfHost: true, _fixtures.NewLibstdcxxDirectory));

        Assert.Equal(VersionNeedState.AlreadyWeak, LibstdcxxCompat.Analyze(File.ReadAllBytes(library)).State);
        (MessageImportance importance, string text) = Assert.Single(engine.Messages);
        Assert.Equal(MessageImportance.High, importance);
        Assert.Equal($"MultiTaskSharp: marked GLIBCXX_3.4.32 weak in {library} (published output: loadable on "
            + "distributions whose libstdc++ predates GCC 13 (such as Debian 12 and Ubuntu 22.04))", text);
    }

    [Fact]
    public void PatchRegardlessOfHost_LeavesALibraryWithoutTheRequirementAlone()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.NotRequired);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        Assert.True(Run(engine, library, patchRegardlessOfHost: true));

        Assert.Equal(before, File.ReadAllBytes(library));
        Assert.Empty(engine.Warnings);
        Assert.All(engine.Messages, m => Assert.Equal(MessageImportance.Low, m.Importance));
    }

    private static bool Run(IBuildEngine engine, string library, params string[] hostDirectories) =>
        Run(engine, library, patchRegardlessOfHost: false, hostDirectories);

    private static bool Run(IBuildEngine engine, string library, bool patchRegardlessOfHost, params string[] hostDirectories)
    {
        var task = new MultiTaskSharpLibstdcxxCompatPatch
        {
            BuildEngine = engine,
            Libraries = new ITaskItem[] { new TaskItem(library) },
            HostLibraryDirectories = hostDirectories,
            PatchRegardlessOfHost = patchRegardlessOfHost,
        };
        return task.Execute();
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<(MessageImportance Importance, string Text)> Messages { get; } = new();
        public List<string> Errors { get; } = new();
        public List<BuildWarningEventArgs> Warnings { get; } = new();

        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? "");
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add((e.Importance, e.Message ?? ""));
        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
