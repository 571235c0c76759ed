using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// What each candidate declaration read to, kept between the runs of one generator driver, so that a keystroke reads
/// only the declarations it can affect. The generator's transform runs for every candidate after any edit (the
/// compilation changed); binding a declaration's attributes and members costs about 0.7 ms, which made every
/// keystroke in a project with 200 models cost 140 ms. A reading is reused, without binding anything, while the
/// compilation still contains the candidate's file and every source file the reading depends on
/// (<see cref="ReadDependencies"/>: Roslyn keeps an unchanged file's tree object), no file was added or removed, and
/// the metadata references are the same; otherwise it is read again. The reading is a function of exactly those
/// inputs, so reusing it gives what reading again would.
/// </summary>
/// <remarks>One instance per <see cref="IIncrementalGenerator.Initialize"/>, i.e. per driver: a build starts empty.</remarks>
internal sealed class DeclarationCache
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Path, int Start), Entry> _entries = new();

    /// <summary>Full readings on this thread (for the tests: a cached declaration is not read again).</summary>
    [System.ThreadStatic]
    private static int t_reads;

    internal static int ReadsOnThisThread => t_reads;

    /// <summary>
    /// A class or record whose own attribute lists could hold <c>[MultiTaskModel]</c>: any attribute at all, since an
    /// alias (<c>using M = MultiTaskSharp.MultiTaskModelAttribute;</c>) may rename it. Syntax only, so Roslyn runs it
    /// only on edited files.
    /// </summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken _)
        => node is ClassDeclarationSyntax { AttributeLists.Count: > 0 } or RecordDeclarationSyntax { AttributeLists.Count: > 0 };

    /// <summary>The candidate's reading: a model to emit, or none (not a model, or one the analyzer reports an error in).</summary>
    public ModelParseResult Parse(GeneratorSyntaxContext context, CancellationToken cancellation)
    {
        var syntax = (TypeDeclarationSyntax)context.Node;
        var tree = syntax.SyntaxTree;
        var compilation = context.SemanticModel.Compilation;
        var key = (tree.FilePath, syntax.SpanStart);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.StillValid(tree, compilation))
                return entry.Result;
        }
        t_reads++;
        var (result, dependencies) = Read(syntax, context.SemanticModel, compilation, cancellation);
        var fresh = new Entry(tree, result, dependencies, compilation.ExternalReferences, compilation.SyntaxTrees.Count());
        lock (_gate)
        {
            // Keys move with the declaration (typing above a class shifts its start): drop the entries of files the
            // compilation no longer holds, which could never be valid again, so an IDE session does not accumulate them.
            foreach (var stale in _entries.Where(e => !compilation.ContainsSyntaxTree(e.Value.Tree)).Select(e => e.Key).ToList())
                _entries.Remove(stale);
            _entries[key] = fresh;
        }
        return result;
    }

    private static (ModelParseResult Result, SyntaxTree[] Dependencies) Read(TypeDeclarationSyntax syntax, SemanticModel semanticModel, Compilation compilation, CancellationToken cancellation)
    {
        var none = new ModelParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        if (semanticModel.GetDeclaredSymbol(syntax, cancellation) is not INamedTypeSymbol type)
            return (none, [syntax.SyntaxTree]);
        // What the attribute lists of this part bind to: [MultiTaskModel] on this part makes it a model's declaration.
        bool marked = type.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == WellKnownTypes.ModelAttributeName
            && a.ApplicationSyntaxReference is { } application
            && application.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(application.Span));
        return marked
            ? (ModelReader.Parse(type, syntax, compilation, cancellation), ReadDependencies.Of(type, compilation, cancellation))
            : (none, ReadDependencies.OfAttributeNames(type, compilation, cancellation));
    }

    private sealed class Entry
    {
        private readonly SyntaxTree[] _dependencies;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly int _treeCount;

        public Entry(SyntaxTree tree, ModelParseResult result, SyntaxTree[] dependencies, ImmutableArray<MetadataReference> references, int treeCount)
        {
            Tree = tree;
            Result = result;
            _dependencies = dependencies;
            _references = references;
            _treeCount = treeCount;
        }

        /// <summary>The file of the declaration the entry is for.</summary>
        public SyntaxTree Tree { get; }

        public ModelParseResult Result { get; }

        public bool StillValid(SyntaxTree tree, Compilation compilation)
        {
            // Same file object, same file count (no part added elsewhere), same references, unchanged dependencies.
            if (System.Array.IndexOf(_dependencies, tree) < 0 || compilation.SyntaxTrees.Count() != _treeCount || !SameReferences(compilation.ExternalReferences))
                return false;
            foreach (var dependency in _dependencies)
            {
                if (!compilation.ContainsSyntaxTree(dependency))
                    return false;
            }
            return true;
        }

        private bool SameReferences(ImmutableArray<MetadataReference> references)
        {
            if (references.Length != _references.Length)
                return false;
            for (int i = 0; i < references.Length; i++)
            {
                if (!ReferenceEquals(references[i], _references[i]))
                    return false;
            }
            return true;
        }
    }
}
