using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace MultiTaskSharp.CodeFixes;

/// <summary>
/// MTL0020 on a head with a <c>LossMethod</c> and no <c>Output</c>: such a head is taken to predict regression values,
/// so a class metric (Accuracy, MacroF1, MeanIoU) does not fit it. Before <c>Output</c> existed these declarations
/// compiled; the fix is mechanical: say what the head predicts. It offers <c>Output = OutputKind.Classes</c>,
/// <c>MultiLabel</c> and <c>Pixels</c>, the kind a stated <c>Loss</c> implies first. A head without a LossMethod, or
/// one that already states Output, has a real mismatch (metric or loss to change), which no edit can guess.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOutputKindCodeFix)), Shared]
public sealed class AddOutputKindCodeFix : CodeFixProvider
{
    /// <summary>The diagnostic ID this fix handles; it must match the generator's descriptor.</summary>
    public const string DiagnosticId = "MTL0020";

    private const string OutputKindName = "MultiTaskSharp.OutputKind";

    // The output kinds that class metrics fit, in the order offered when no stated loss says which.
    private static readonly string[] ClassKinds = ["Classes", "MultiLabel", "Pixels"];

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(OutputKindName) is not { } outputKind)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            if (attribute?.ArgumentList is not { } arguments || Named(arguments, "LossMethod") is null || Named(arguments, "Output") is not null)
                continue;
            foreach (var kind in Ordered(ImpliedKind(model, Named(arguments, "Loss"), context.CancellationToken)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add 'Output = OutputKind.{kind}'",
                        cancellation => AddOutputAsync(context.Document, attribute, outputKind, kind, cancellation),
                        equivalenceKey: DiagnosticId + "." + kind),
                    diagnostic);
            }
        }
    }

    private static AttributeArgumentSyntax? Named(AttributeArgumentListSyntax arguments, string name)
        => arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    /// <summary>The class kind a stated built-in loss implies (BinaryCrossEntropyWithLogits: MultiLabel, …), if any.</summary>
    private static string? ImpliedKind(SemanticModel model, AttributeArgumentSyntax? loss, CancellationToken cancellation)
        => loss is null ? null : model.GetSymbolInfo(loss.Expression, cancellation).Symbol?.Name switch
        {
            "CrossEntropy" => "Classes",
            "BinaryCrossEntropyWithLogits" => "MultiLabel",
            "PixelCrossEntropy" => "Pixels",
            _ => null,
        };

    private static IEnumerable<string> Ordered(string? first)
        => first is null ? ClassKinds : new[] { first }.Concat(ClassKinds.Where(k => k != first));

    private static async Task<Document> AddOutputAsync(Document document, AttributeSyntax attribute, INamedTypeSymbol outputKind, string kind, CancellationToken cancellation)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellation).ConfigureAwait(false);
        var arguments = attribute.ArgumentList!;
        // TypeExpression carries the simplifier's annotation: `OutputKind.X` where `using MultiTaskSharp;` is in scope.
        var value = (ExpressionSyntax)editor.Generator.MemberAccessExpression(editor.Generator.TypeExpression(outputKind), kind);
        var output = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Output"), null, value)
            .WithLeadingTrivia(SyntaxFactory.Space);
        // Right after LossMethod: the two belong together.
        int index = arguments.Arguments.IndexOf(Named(arguments, "LossMethod")!) + 1;
        var list = arguments.Arguments.Insert(index, output);
        editor.ReplaceNode(arguments, arguments.WithArguments(list).WithAdditionalAnnotations(Formatter.Annotation));
        return editor.GetChangedDocument();
    }
}
