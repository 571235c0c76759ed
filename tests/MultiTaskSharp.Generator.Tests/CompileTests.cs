using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Every valid declaration, together with the code generated for it, compiles without a single warning
/// at the strictest warning level: users build with warnings as errors, and generated code they cannot
/// edit must never be the reason their build breaks.
/// </summary>
public sealed class CompileTests
{
    public static TheoryData<string> Declarations => new(ModelDeclarations.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Declaration_and_generated_code_compile_without_warnings(string declaration)
        => AssertCompilesCleanly(ModelDeclarations.All[declaration], declaration);

    [SampleTheory]
    [MemberData(nameof(SampleDeclarations.Files), MemberType = typeof(SampleDeclarations))]
    public void Sample_declaration_and_generated_code_compile_without_warnings(string sample)
        => AssertCompilesCleanly(File.ReadAllText(Repository.PathOf("samples", sample)), sample);

    private static void AssertCompilesCleanly(string source, string name)
    {
        var run = GeneratorHarness.Run(source);
        run.AssertNoCrash(name);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.Diagnostics.IsEmpty, $"{name}: {string.Join("\n", run.Diagnostics)}");
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilationProblems.IsEmpty,
            $"{name} with its generated code has warnings or errors:\n{string.Join("\n", run.CompilationProblems)}");
    }
}

/// <summary>The declarations under samples/ (found on disk, so a new sample is covered without a test change).</summary>
public static class SampleDeclarations
{
    public static IReadOnlyList<string> Paths { get; } = Find();

    public static TheoryData<string> Files => new(Paths);

    private static List<string> Find()
    {
        var samples = Repository.PathOf("samples");
        if (!Directory.Exists(samples))
            return [];
        var separator = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}") && !path.Contains($"{separator}bin{separator}"))
            .Where(path => File.ReadAllText(path).Contains("[MultiTaskModel"))
            .Select(path => Path.GetRelativePath(samples, path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A theory over the sample declarations, skipped (not failed for lack of data) when there are none.</summary>
public sealed class SampleTheoryAttribute : TheoryAttribute
{
    public SampleTheoryAttribute()
    {
        if (SampleDeclarations.Paths.Count == 0)
            Skip = "No file under samples/ declares a [MultiTaskModel].";
    }
}
