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

namespace MultiTaskSharp.CodeFixes;

/// <summary>
/// MTL0001 (model not partial): adds <c>partial</c> to the model class and to every enclosing type
/// declaration in the same file that lacks it, since the generator needs the whole chain partial.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialModifierCodeFix)), Shared]
public sealed class AddPartialModifierCodeFix : CodeFixProvider
{
    /// <summary>The diagnostic ID this fix handles; it must match the generator's descriptor.</summary>
    public const string DiagnosticId = "MTL0001";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                .AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
            if (declaration is null)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{declaration.Identifier.ValueText}' partial",
                    cancellation => MakePartialAsync(context.Document, declaration, cancellation),
                    equivalenceKey: DiagnosticId),
                diagnostic);
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellation)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellation).ConfigureAwait(false);
        foreach (var type in declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
                continue;
            // SyntaxGenerator orders modifiers canonically and keeps the declaration's trivia.
            var modifiers = editor.Generator.GetModifiers(type).WithPartial(true);
            editor.SetModifiers(type, modifiers);
        }
        return editor.GetChangedDocument();
    }
}
