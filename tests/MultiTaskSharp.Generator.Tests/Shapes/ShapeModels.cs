using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>Model sources for the shape tests and the assertions they share.</summary>
internal static class ShapeModels
{
    public const string Usings = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;


        """;

    /// <summary>A model class <c>M</c> with the given class attributes and members.</summary>
    public static string ModelSource(string header, string members)
        => Usings + "[MultiTaskModel]\n" + header + "\npublic partial class M\n{\n"
            + string.Join("\n", members.Split('\n').Select(line => "    " + line)) + "\n}\n";

    /// <summary>The generator's MTL0007 and MTL0012 diagnostics for <paramref name="source"/>.</summary>
    public static Diagnostic[] ShapeDiagnostics(string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Null(run.Exception);
        return run.GeneratorDiagnostics.Where(d => d.Id is "MTL0007" or "MTL0012").ToArray();
    }

    /// <summary>Asserts exactly one shape diagnostic, with this ID and message, at the span marked [|...|].</summary>
    public static void AssertSingle(string markedSource, string id, string message)
    {
        var source = MarkedSource.Parse(markedSource);
        var diagnostic = Assert.Single(ShapeDiagnostics(source.Text));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(source.Text[source.Span.Start..source.Span.End], source.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
    }

    /// <summary>Asserts that the generator accepts the model: no diagnostic at all, and code generated.</summary>
    public static void AssertSilent(string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Null(run.Exception);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.NotEmpty(run.Sources);
    }
}
