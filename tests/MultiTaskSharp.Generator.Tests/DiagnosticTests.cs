using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Each diagnostic fires on its case with the exact ID, severity, message and span, and nothing else fires (one mistake,
/// one diagnostic, and no follow-on compiler error); the nearly identical valid declaration is silent and compiles without
/// a warning. The diagnostics come from the analyzer, at real source locations; the generator reports none itself.
/// </summary>
public sealed class DiagnosticTests
{
    // Each declaration is generated and analyzed once, however many tests read it.
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> Runs = new();

    public static TheoryData<string> Cases => new(DiagnosticCases.All.Select(c => c.Name));

    public static TheoryData<string> BlockingCases => new(DiagnosticCases.All.Where(c => !c.Generates).Select(c => c.Name));

    public static TheoryData<string> GeneratingCases => new(DiagnosticCases.All.Where(c => c.Generates).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_once_on_the_invalid_declaration(string name)
    {
        var @case = DiagnosticCases.Named(name);
        var source = MarkedSource.Parse(@case.Invalid);
        var run = Invalid(@case);

        run.AssertNoCrash(name);
        Assert.Empty(run.GeneratorDiagnostics);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(@case.Id, diagnostic.Id);
        Assert.Equal(@case.Severity, diagnostic.Severity);
        Assert.Equal(@case.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Model.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.True(diagnostic.Location.IsInSource, "the diagnostic must be located in the syntax tree, where pragmas and .editorconfig apply");
        Assert.Equal(source.Text[source.Span.Start..source.Span.End], source.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.True(run.CompilerErrors.IsEmpty, "follow-on compiler errors:\n" + string.Join("\n", run.CompilerErrors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Valid_declaration_is_silent_and_compiles_without_warnings(string name)
    {
        var run = GeneratorHarness.Run(DiagnosticCases.Named(name).Valid);

        run.AssertNoCrash(name);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
    }

    [Theory]
    [MemberData(nameof(BlockingCases))]
    public void Declaration_with_a_blocking_error_generates_no_source(string name)
    {
        // Half-generated code would bury the one real error under follow-on compiler errors.
        var run = Invalid(DiagnosticCases.Named(name));

        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(run.Diagnostics).Severity);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [MemberData(nameof(GeneratingCases))]
    public void Declaration_with_a_warning_or_a_non_blocking_error_is_still_generated(string name)
    {
        // The model's code is sound; withholding it would add compiler errors wherever the user's code uses it.
        var run = Invalid(DiagnosticCases.Named(name));

        Assert.Single(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
        Assert.True(run.CompilationProblems.All(d => d.Severity == DiagnosticSeverity.Warning), string.Join("\n", run.CompilationProblems));
    }

    [Fact]
    public void Every_descriptor_has_a_firing_case()
    {
        var covered = DiagnosticCases.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var missing = DiagnosticDescriptors.Descriptors.Select(d => d.Id).Where(id => !covered.Contains(id)).Order(StringComparer.Ordinal);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_case_is_for_a_descriptor_of_its_severity()
        => Assert.All(DiagnosticCases.All, c => Assert.Equal(DiagnosticDescriptors.ById(c.Id).DefaultSeverity, c.Severity));

    private static GeneratorRun Invalid(DiagnosticCase @case)
        => Runs.GetOrAdd(@case.Name, _ => new Lazy<GeneratorRun>(() => GeneratorHarness.Run(MarkedSource.Parse(@case.Invalid).Text))).Value;
}
