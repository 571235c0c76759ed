using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MultiTaskSharp.Generator.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer's compilation-start and symbol actions directly on every named type of a compilation, and lets
/// whatever they throw escape. <see cref="CompilationWithAnalyzers"/> does the same plus a full compile of the user's
/// and the generated code (about 180 ms a run on 2 cores, where these actions take a few): too slow for thousands of
/// mutations, so the mutation tests use this host, and every other test the real one (<see cref="GeneratorHarness"/>).
/// Only the actions <see cref="MultiTaskModelAnalyzer"/> registers are supported; registering anything else fails loudly,
/// so the host cannot silently skip part of a future analyzer.
/// </summary>
internal static class SymbolActionHost
{
    /// <summary>The diagnostics the analyzer reports for <paramref name="compilation"/>; an exception it throws propagates.</summary>
    public static List<Diagnostic> Run(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var context = new Context();
        analyzer.Initialize(context);
        var start = new StartContext(compilation);
        foreach (var action in context.StartActions)
            action(start);
        var reported = new List<Diagnostic>();
        foreach (var type in NamedTypes(compilation.Assembly.GlobalNamespace))
        {
            foreach (var (action, kinds) in start.SymbolActions)
            {
                // Obsolete only to steer analyzer tests to CompilationWithAnalyzers, which this host stands in for where it is too slow.
#pragma warning disable CS0618
                if (kinds.Contains(type.Kind))
                    action(new SymbolAnalysisContext(type, compilation, new AnalyzerOptions([]), reported.Add, _ => true, CancellationToken.None));
#pragma warning restore CS0618
            }
        }
        return reported;
    }

    private static IEnumerable<INamedTypeSymbol> NamedTypes(INamespaceSymbol root)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is INamedTypeSymbol type)
                yield return type;
            foreach (var member in current.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol child)
                    pending.Push(child);
            }
        }
    }

    private static NotSupportedException Unsupported(string action)
        => new($"{nameof(SymbolActionHost)} runs compilation-start and symbol actions only; the analyzer registered a {action}: test it with {nameof(GeneratorHarness)} instead.");

    private sealed class Context : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

        public override void EnableConcurrentExecution() { }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) { }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported("compilation action");

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported("semantic model action");

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported("symbol action outside a compilation start");

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported("code block action");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported("code block action");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported("syntax tree action");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported("syntax node action");
    }

    private sealed class StartContext(Compilation compilation) : CompilationStartAnalysisContext(compilation, new AnalyzerOptions([]), CancellationToken.None)
    {
        public List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds)> SymbolActions { get; } = new();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => SymbolActions.Add((action, symbolKinds));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported("compilation end action");

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported("semantic model action");

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported("code block action");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported("code block action");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported("syntax tree action");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported("syntax node action");
    }
}
