using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Exportability;
using MultiTaskSharp.Generator.Parsing;
using MultiTaskSharp.Generator.Shapes;

namespace MultiTaskSharp.Generator;

/// <summary>
/// Reports what is wrong with each <c>[MultiTaskModel]</c> declaration: wiring, names, topologies and, through shape
/// inference, sizes that cannot fit. It is an analyzer, as Roslyn's guidance for declaration checks says, so its
/// diagnostics live in the user's source: <c>#pragma warning disable</c>, <c>[SuppressMessage]</c> and
/// <c>.editorconfig</c> severities apply, and an IDE shows them as it shows the compiler's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MultiTaskModelAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.Descriptors.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = WellKnownTypes.From(start.Compilation);
            if (known is null)
                return; // No MultiTaskSharp or TorchSharp reference: nothing to check.
            // Diagnostics are located in the tree of their file. Paths that several trees share (ad hoc documents with no
            // path) cannot say which tree is meant: those keep a plain file location.
            var trees = start.Compilation.SyntaxTrees
                .GroupBy(t => t.FilePath)
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.First());
            bool exportableByDefault = BuildOptions.ExportableByDefault(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            start.RegisterSymbolAction(symbol => Analyze(symbol, known, trees, exportableByDefault), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, WellKnownTypes known, IReadOnlyDictionary<string, SyntaxTree> trees, bool exportableByDefault)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(a => known.Is(a, known.ModelAttribute));
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { } attributeSyntax
            || attributeSyntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            return;
        var reading = ModelReader.Read(type, declaration, context.Compilation, known, context.CancellationToken);
        var found = reading.Result.Diagnostics.ToList();
        if (reading.Result.Model is { } model)
        {
            found.AddRange(ShapeChecker.Check(model, type, reading.Resolver, known, context.CancellationToken));
            if (IsExportable(attribute, exportableByDefault))
                found.AddRange(ExportabilityCheck.Check(model, type, reading.Resolver, context.CancellationToken));
        }
        foreach (var diagnostic in found)
            context.ReportDiagnostic(diagnostic.ToDiagnostic(trees));
    }

    /// <summary>[MultiTaskModel(Exportable = …)] when written, else the project's MultiTaskSharpExportable property.</summary>
    private static bool IsExportable(AttributeData attribute, bool byDefault)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Exportable" && argument.Value.Value is bool exportable)
                return exportable;
        }
        return byDefault;
    }
}
