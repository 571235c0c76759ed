using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MultiTaskSharp.CodeFixes;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.CodeFixes;

/// <summary>
/// The MTL0001 code fix, applied as the IDE applies it: run the analyzer on a workspace project's compilation, hand its
/// diagnostic to the provider, apply the action to the document, and run the generator and analyzer on the result.
/// </summary>
public sealed class AddPartialModifierCodeFixTests
{
    private const string Usings = """
        using MultiTaskSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        """;

    [Fact]
    public async Task Makes_the_model_partial_and_the_generator_then_emits_it()
    {
        var source = Usings + """
            namespace Demo;

            /// <summary>A model.</summary>
            [MultiTaskModel]
            public sealed class Net
            {
                [Trunk] readonly Linear trunk = Linear(4, 8);
                [Head("Value")] readonly Linear value = Linear(8, 1);
            }
            """;

        var fixedText = await ApplyFixAsync(source);

        Assert.Contains("public sealed partial class Net", fixedText);
        Assert.Contains("/// <summary>A model.</summary>", fixedText); // trivia kept
        var run = GeneratorHarness.Run(fixedText);
        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public async Task Also_makes_enclosing_types_partial()
    {
        var source = Usings + """
            namespace Demo;

            public static class Zoo
            {
                [MultiTaskModel]
                public class Net
                {
                    [Trunk] readonly Linear trunk = Linear(4, 8);
                    [Head("Value")] readonly Linear value = Linear(8, 1);
                }
            }
            """;

        var fixedText = await ApplyFixAsync(source);

        Assert.Contains("public static partial class Zoo", fixedText);
        Assert.Contains("public partial class Net", fixedText);
        var run = GeneratorHarness.Run(fixedText);
        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
    }

    [Fact]
    public void Fixes_exactly_the_analyzers_not_partial_diagnostic()
        => Assert.Equal([DiagnosticDescriptors.NotPartial.Id], new AddPartialModifierCodeFix().FixableDiagnosticIds.ToArray());

    private static async Task<string> ApplyFixAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("User", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(GeneratorHarness.CompilationOptions)
            .WithMetadataReferences(GeneratorHarness.References);
        var document = project.AddDocument("Model.cs", SourceText.From(source), filePath: "/project/Model.cs");
        // The analyzer's diagnostic, located in the document's own syntax tree, as the IDE reports it.
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = Assert.Single(GeneratorHarness.Run(compilation).Diagnostics, d => d.Id == "MTL0001");
        Assert.Same(await document.GetSyntaxTreeAsync(), diagnostic.Location.SourceTree);

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AddPartialModifierCodeFix().RegisterCodeFixesAsync(context);

        var action = Assert.Single(actions);
        Assert.Equal("Make 'Net' partial", action.Title);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }
}
