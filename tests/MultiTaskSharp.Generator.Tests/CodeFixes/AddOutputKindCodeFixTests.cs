using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using MultiTaskSharp.CodeFixes;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.CodeFixes;

/// <summary>
/// The MTL0020 code fix for a head with a LossMethod and a class metric (a declaration that compiled before
/// <c>Output</c> existed), applied as the IDE applies it: the analyzer's diagnostic, the provider's actions, the
/// changed document, and the generator and analyzer run again on the result.
/// </summary>
public sealed class AddOutputKindCodeFixTests
{
    private static string Model(string head) => """
        using MultiTaskSharp;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch.nn;

        namespace Demo;

        [MultiTaskModel]
        public partial class Net
        {
            [Trunk] readonly Linear trunk = Linear(4, 8);

        """ + "    " + head + """

            readonly Linear tags = Linear(8, 3);

            torch.Tensor TagLoss(torch.Tensor prediction, torch.Tensor target)
                => functional.binary_cross_entropy_with_logits(prediction, target);
        }
        """;

    [Fact]
    public async Task The_message_names_Output_as_the_fix()
    {
        var source = Model("""[Head("Tags", LossMethod = nameof(TagLoss), Metric = MetricKind.Accuracy)]""");
        var diagnostic = Assert.Single(GeneratorHarness.Run(source).Diagnostics, d => d.Id == "MTL0020");
        var message = diagnostic.GetMessage();
        Assert.Contains("Output = OutputKind.Classes", message);
        Assert.Contains("OutputKind.MultiLabel", message);
        Assert.Contains("LossMethod", message);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Offers_each_class_kind_and_the_fixed_declaration_compiles()
    {
        var source = Model("""[Head("Tags", LossMethod = nameof(TagLoss), Metric = MetricKind.Accuracy)]""");

        var (titles, fixedText) = await ApplyFixAsync(source, "Add 'Output = OutputKind.MultiLabel'");

        Assert.Equal(["Add 'Output = OutputKind.Classes'", "Add 'Output = OutputKind.MultiLabel'", "Add 'Output = OutputKind.Pixels'"], titles);
        Assert.Contains("""[Head("Tags", LossMethod = nameof(TagLoss), Output = OutputKind.MultiLabel, Metric = MetricKind.Accuracy)]""", fixedText);
        var run = GeneratorHarness.Run(fixedText);
        run.AssertNoCrash();
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public async Task Offers_the_kind_a_stated_loss_implies_first()
    {
        var source = Model("""[Head("Tags", Loss = LossKind.BinaryCrossEntropyWithLogits, LossMethod = nameof(TagLoss), Metric = MetricKind.Accuracy)]""");

        var (titles, _) = await ApplyFixAsync(source, "Add 'Output = OutputKind.MultiLabel'");

        Assert.Equal("Add 'Output = OutputKind.MultiLabel'", titles[0]);
    }

    [Fact]
    public async Task Offers_nothing_for_a_head_without_a_loss_method()
    {
        // A built-in regression loss with a class metric: the loss or the metric is wrong, and no edit can tell which.
        var source = Model("""[Head("Tags", Loss = LossKind.MeanSquaredError, Metric = MetricKind.Accuracy)]""");

        var (titles, _) = await ApplyFixAsync(source, chosen: null);

        Assert.Empty(titles);
    }

    [Fact]
    public void Fixes_exactly_the_metric_does_not_fit_diagnostic()
        => Assert.Equal([DiagnosticDescriptors.MetricDoesNotFit.Id], new AddOutputKindCodeFix().FixableDiagnosticIds.ToArray());

    private static async Task<(string[] Titles, string Text)> ApplyFixAsync(string source, string? chosen)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("User", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(GeneratorHarness.CompilationOptions)
            .WithMetadataReferences(GeneratorHarness.References);
        var document = project.AddDocument("Model.cs", SourceText.From(source), filePath: "/project/Model.cs");
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = Assert.Single(GeneratorHarness.Run(compilation).Diagnostics, d => d.Id == "MTL0020");

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AddOutputKindCodeFix().RegisterCodeFixesAsync(context);
        var titles = actions.Select(a => a.Title).ToArray();
        if (chosen is null)
            return (titles, source);

        var action = Assert.Single(actions, a => a.Title == chosen);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (titles, (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString());
    }
}
