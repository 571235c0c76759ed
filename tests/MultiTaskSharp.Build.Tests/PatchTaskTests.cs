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

/// <summary>The MSBuild wrapper: host decision, one log line per library, errors that fail the build.</summary>
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
    public void UnexpectedShape_FailsWithAClearError()
    {
        string library = _fixtures.CopyToFreshDirectory(_fixtures.TwoSymbols);
        byte[] before = File.ReadAllBytes(library);
        var engine = new RecordingBuildEngine();

        Assert.False(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        string error = Assert.Single(engine.Errors);
        Assert.Contains(library, error);                                    // which file
        Assert.Contains("_ZSt21ios_base_library_initv, other_3_4_32", error); // what was found
        Assert.Contains("expected exactly _ZSt21ios_base_library_initv", error); // what was expected
        Assert.Contains("MultiTaskSharpSkipLibstdcxxPatch=true", error);       // the way out
        Assert.Equal(before, File.ReadAllBytes(library));
    }

    [Fact]
    public void NonElfLibrary_FailsWithAClearError()
    {
        string library = Path.Combine(_fixtures.NewScratchDirectory(), "libLibTorchSharp.so");
        File.WriteAllText(library, "not a library");
        var engine = new RecordingBuildEngine();

        Assert.False(Run(engine, library, _fixtures.OldLibstdcxxDirectory));

        string error = Assert.Single(engine.Errors);
        Assert.Contains(library, error);
        Assert.Contains("not an ELF file", error);
    }

    private static bool Run(IBuildEngine engine, string library, params string[] hostDirectories)
    {
        var task = new MultiTaskSharpLibstdcxxCompatPatch
        {
            BuildEngine = engine,
            Libraries = new ITaskItem[] { new TaskItem(library) },
            HostLibraryDirectories = hostDirectories,
        };
        return task.Execute();
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<(MessageImportance Importance, string Text)> Messages { get; } = new();
        public List<string> Errors { get; } = new();

        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? "");
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add((e.Importance, e.Message ?? ""));
        public void LogWarningEvent(BuildWarningEventArgs e) => Errors.Add("warning: " + e.Message);
    }
}
