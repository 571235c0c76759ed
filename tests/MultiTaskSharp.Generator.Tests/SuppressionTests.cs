using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The analyzer reports at source locations, so the user's usual tools apply to its diagnostics: <c>#pragma warning
/// disable</c>, <c>[SuppressMessage]</c>, and severities set in <c>.editorconfig</c> (as the compiler applies them).
/// Each test also runs the same declaration without the suppression, so it cannot pass by the warning going missing.
/// </summary>
public sealed class SuppressionTests
{
    private const string Path = "/project/Model.cs";

    private const string Declaration = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        [MultiTaskModel]
        public partial class M
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);
            [Head("A")] readonly Linear a = Linear(8, 1);
        //before
            readonly Linear extra = Linear(8, 2);
        //after
        }
        """;

    [Fact]
    public void The_unsuppressed_declaration_gets_the_warning()
    {
        var diagnostic = Assert.Single(Run(Declaration).Diagnostics);
        Assert.Equal("MTL0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_it()
    {
        var run = Run(Declaration.Replace("//before", "#pragma warning disable MTL0011").Replace("//after", "#pragma warning restore MTL0011"));

        Assert.Empty(run.Diagnostics);
        var suppressed = Assert.Single(run.AnalyzerDiagnostics);
        Assert.Equal("MTL0011", suppressed.Id);
        Assert.True(suppressed.IsSuppressed);
    }

    [Fact]
    public void Pragma_for_another_id_does_not()
        => Assert.Equal("MTL0011", Assert.Single(Run(Declaration.Replace("//before", "#pragma warning disable MTL0018")).Diagnostics).Id);

    [Fact]
    public void SuppressMessage_on_the_member_suppresses_it()
    {
        var run = Run(Declaration.Replace("//before", "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"MultiTaskSharp\", \"MTL0011\", Justification = \"kept for a later task\")]"));

        Assert.Empty(run.Diagnostics);
        Assert.True(Assert.Single(run.AnalyzerDiagnostics).IsSuppressed);
    }

    [Fact]
    public void Editorconfig_severity_none_turns_it_off()
    {
        var run = Run(Declaration, "[*.cs]\ndotnet_diagnostic.MTL0011.severity = none\n");

        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Editorconfig_severity_error_raises_it()
    {
        var diagnostic = Assert.Single(Run(Declaration, "[*.cs]\ndotnet_diagnostic.MTL0011.severity = error\n").Diagnostics);

        Assert.Equal("MTL0011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Editorconfig_for_other_files_leaves_it_alone()
        => Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(Run(Declaration, "[Other.cs]\ndotnet_diagnostic.MTL0011.severity = none\n").Diagnostics).Severity);

    [Fact]
    public void Editorconfig_can_lower_an_analyzer_error()
    {
        // A shape error is the analyzer's alone (the model is generated), so a project may choose to see it as a warning.
        var source = Declaration.Replace("Linear(8, 1)", "Linear(16, 1)").Replace("//before", "").Replace("readonly Linear extra = Linear(8, 2);", "");
        var diagnostic = Assert.Single(Run(source, "[*.cs]\ndotnet_diagnostic.MTL0007.severity = warning\n").Diagnostics);

        Assert.Equal("MTL0007", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    private static GeneratorRun Run(string source, string? editorconfig = null)
    {
        var configuration = editorconfig is null ? null : AnalyzerConfiguration.From(("/project/.editorconfig", "root = true\n\n" + editorconfig));
        var run = GeneratorHarness.Run(GeneratorHarness.Compile((Path, source)), configuration);
        run.AssertNoCrash();
        Assert.All(run.Diagnostics.Concat(run.AnalyzerDiagnostics), d => Assert.Equal(Path, d.Location.SourceTree?.FilePath));
        return run;
    }
}
