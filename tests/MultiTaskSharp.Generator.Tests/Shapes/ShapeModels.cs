using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>Model sources for the shape tests and the assertions they share (on the analyzer's diagnostics).</summary>
internal static class ShapeModels
{
    public const string Usings = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;


        """;

    /// <summary>The diagnostics shape inference reports: sizes, losses, gates, cross-stitch columns and soft-shared towers.</summary>
    public static readonly string[] ShapeIds = ["MTL0007", "MTL0012", "MTL0024", "MTL0026", "MTL0028"];

    /// <summary>A model class <c>M</c> with the given class attributes and members.</summary>
    public static string ModelSource(string header, string members)
        => Usings + "[MultiTaskModel]\n" + header + "\npublic partial class M\n{\n"
            + string.Join("\n", members.Split('\n').Select(line => "    " + line)) + "\n}\n";

    /// <summary>The analyzer's shape diagnostics for <paramref name="source"/> (the model itself must be generated).</summary>
    public static Diagnostic[] ShapeDiagnostics(string source)
    {
        var run = GeneratorHarness.Run(source);
        run.AssertNoCrash();
        return run.Diagnostics.Where(d => ShapeIds.Contains(d.Id)).ToArray();
    }

    /// <summary>
    /// Asserts exactly one diagnostic, with this ID and message, at the span marked [|...|]; and, shape mistakes being
    /// non-blocking, that the model was still generated.
    /// </summary>
    public static void AssertSingle(string markedSource, string id, string message)
    {
        var source = MarkedSource.Parse(markedSource);
        var run = GeneratorHarness.Run(source.Text);
        run.AssertNoCrash();
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(source.Text[source.Span.Start..source.Span.End], source.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.NotEmpty(run.Sources);
    }

    /// <summary>Asserts that the analyzer accepts the model: no diagnostic at all, and code generated that compiles.</summary>
    public static void AssertSilent(string source)
    {
        var run = GeneratorHarness.Run(source);
        run.AssertNoCrash();
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilerErrors.IsEmpty, string.Join("\n", run.CompilerErrors));
    }
}
