using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// What each declaration read to, kept between the runs of one generator driver, so that a keystroke re-reads only the
/// declarations it can affect. <c>ForAttributeWithMetadataName</c> calls the transform of every model after any edit
/// (the compilation changed); reading a declaration binds its members and attributes, about 0.7 ms each, which made
/// every keystroke in a project with 200 models cost 140 ms. A cached reading is reused while the compilation still
/// contains every source file it depends on (<see cref="ReadDependencies"/>: Roslyn keeps an unchanged file's tree
/// object), no file was added or removed, and the metadata references are the same; anything else reads again. The
/// reading is a pure function of those inputs, so the result is the same as reading again.
/// </summary>
/// <remarks>One instance per <see cref="IIncrementalGenerator.Initialize"/>, i.e. per driver: a build starts empty.</remarks>
internal sealed class DeclarationCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(System.StringComparer.Ordinal);

    /// <summary>Full readings on this thread (for the tests: a cached declaration is not read again).</summary>
    [System.ThreadStatic]
    private static int t_reads;

    internal static int ReadsOnThisThread => t_reads;

    public ModelParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax)
            return ModelReader.Parse(context, cancellation);
        var compilation = context.SemanticModel.Compilation;
        // Partial parts share one symbol, and FAWMN calls once per part that carries the attribute: key on both.
        string key = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "|" + context.TargetNode.SyntaxTree.FilePath + "|" + context.TargetNode.SpanStart;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.StillValid(type, compilation))
                return entry.Result;
        }
        t_reads++;
        var result = ModelReader.Parse(context, cancellation);
        var fresh = new Entry(result, ReadDependencies.Of(type, compilation, cancellation), compilation.ExternalReferences, compilation.SyntaxTrees.Count());
        lock (_gate)
            _entries[key] = fresh;
        return result;
    }

    private sealed class Entry
    {
        private readonly SyntaxTree[] _dependencies;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly int _treeCount;

        public Entry(ModelParseResult result, SyntaxTree[] dependencies, ImmutableArray<MetadataReference> references, int treeCount)
        {
            Result = result;
            _dependencies = dependencies;
            _references = references;
            _treeCount = treeCount;
        }

        public ModelParseResult Result { get; }

        public bool StillValid(INamedTypeSymbol type, Compilation compilation)
        {
            if (compilation.SyntaxTrees.Count() != _treeCount || !SameReferences(compilation.ExternalReferences))
                return false;
            foreach (var tree in _dependencies)
            {
                if (!compilation.ContainsSyntaxTree(tree))
                    return false;
            }
            // A part added to the class in a new file also changes the tree count; one moved between files does not.
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!ReadContext.IsGenerated(reference.SyntaxTree) && System.Array.IndexOf(_dependencies, reference.SyntaxTree) < 0)
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
