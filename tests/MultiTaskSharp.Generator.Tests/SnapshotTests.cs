using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Pins the generated code of each declaration in <see cref="ModelDeclarations.All"/>, one snapshot per generated file
/// (<c>Snapshots/SnapshotTests.{Declaration}.{HintName}.verified.cs</c>), so every change to the output is seen in
/// review as a diff of readable C#; and no verified file outlives the declaration that produced it.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Declarations => new(ModelDeclarations.All.Keys);

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generated_code_matches_the_snapshot(string declaration)
    {
        var run = GeneratorHarness.Run(ModelDeclarations.All[declaration]);
        run.AssertNoCrash(declaration);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics));
        var models = run.Sources.ToList();
        Assert.Equal(2 * Models(declaration), models.Count); // each model's module and its records
        Snapshot.Verify(models.Select(s => (FileStem(s.HintName), s.SourceText.ToString())), testName: declaration);
    }

    [Fact]
    public void Every_verified_snapshot_is_produced_by_a_declaration()
    {
        var produced = new List<(string TestName, string Name)>();
        foreach (var (name, source) in ModelDeclarations.All)
        {
            var result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(source)).GetRunResult();
            produced.AddRange(ModelFiles(result.Results.Single().GeneratedSources).Select(s => (name, FileStem(s.HintName))));
        }
        Snapshot.AssertNoStale(produced);
    }

    // The assembly-wide CPU kernel limit is the same for every declaration: CpuKernelLimitTests pins it once.
    private static IEnumerable<Microsoft.CodeAnalysis.GeneratedSourceResult> ModelFiles(IEnumerable<Microsoft.CodeAnalysis.GeneratedSourceResult> sources)
        => sources.Where(s => s.HintName != Emitting.CpuKernelLimitEmitter.HintName);

    // "Ns.Model.g.cs" → "SnapshotTests.Test.Ns.Model.g.verified.cs": one ".cs" is enough.
    private static string FileStem(string hintName) => hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;

    private static int Models(string declaration) => ModelDeclarations.All[declaration].Split("[MultiTaskModel]").Length - 1;
}
