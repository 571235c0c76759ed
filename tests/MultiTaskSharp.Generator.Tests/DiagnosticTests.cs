using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Tests.Declarations;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// Each diagnostic fires on its case with the exact ID, severity, message and span, and stays silent on the
/// nearly identical valid declaration. A declaration with an error generates nothing.
/// </summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string> Cases => new(DiagnosticCases.All.Select(c => c.Name));

    public static TheoryData<string> ErrorCases
        => new(DiagnosticCases.All.Where(c => c.Severity == DiagnosticSeverity.Error).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_on_the_invalid_declaration(string name)
    {
        var @case = DiagnosticCases.Named(name);
        var source = MarkedSource.Parse(@case.Invalid);
        var run = GeneratorHarness.Run(source.Text);

        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(@case.Id, diagnostic.Id);
        Assert.Equal(@case.Severity, diagnostic.Severity);
        Assert.Equal(@case.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Model.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source.Text[source.Span.Start..source.Span.End], source.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Valid_declaration_has_no_diagnostic_and_compiles(string name)
    {
        var run = GeneratorHarness.Run(DiagnosticCases.Named(name).Valid);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilationProblems.IsEmpty, string.Join("\n", run.CompilationProblems));
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Declaration_with_an_error_generates_no_source(string name)
    {
        // Half-generated code would bury the one real error under follow-on CS errors.
        var run = GeneratorHarness.Run(MarkedSource.Parse(DiagnosticCases.Named(name).Invalid).Text);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_warning_alone_does_not_stop_generation()
    {
        var run = GeneratorHarness.Run(MarkedSource.Parse(DiagnosticCases.Named("MTL0011_unwired").Invalid).Text);

        Assert.Equal("MTL0011", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Every_reported_descriptor_has_a_case()
    {
        var covered = DiagnosticCases.All.Select(c => c.Id).ToHashSet();
        var missing = DiagnosticDescriptors.Descriptors
            .Select(d => d.Id)
            .Where(id => !covered.Contains(id) && !DiagnosticCases.CoveredByShapeTests.Contains(id))
            .Order(StringComparer.Ordinal);
        Assert.Empty(missing);
        Assert.All(covered, id => DiagnosticDescriptors.ById(id));
    }

    [Fact]
    public void Case_severities_match_the_descriptors()
        => Assert.All(DiagnosticCases.All, c => Assert.Equal(DiagnosticDescriptors.ById(c.Id).DefaultSeverity, c.Severity));

    [Fact]
    public void Shape_diagnostics_are_covered_by_the_shape_tests()
    {
        // MTL0007 and MTL0012 need whole-model shape flows; their firing and silent cases live in Shapes/.
        Assert.Equal(["MTL0007", "MTL0012"], DiagnosticCases.CoveredByShapeTests.Order(StringComparer.Ordinal));
        Assert.NotNull(typeof(Shapes.ShapeMismatchTests));
        Assert.NotNull(typeof(Shapes.LossHeadMismatchTests));
    }
}
