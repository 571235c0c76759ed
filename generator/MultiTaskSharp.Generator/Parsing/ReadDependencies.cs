using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// The source files a declaration's reading depends on: the class's own parts, the files declaring the source types its
/// members are typed with (and their bases, interfaces, type arguments and containers, transitively), the files of
/// source constants its attributes use, and files with global usings, which can change what any name means. The
/// reader looks at nothing else of the compilation; metadata references are compared separately.
/// </summary>
internal static class ReadDependencies
{
    public static SyntaxTree[] Of(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellation)
    {
        var trees = new HashSet<SyntaxTree>();
        var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        AddType(type, trees, visited);
        foreach (var member in type.GetMembers())
        {
            cancellation.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || !member.Locations.Any(l => l.IsInSource && !ReadContext.IsGenerated(l.SourceTree)))
                continue;
            switch (member)
            {
                case IFieldSymbol field:
                    AddType(field.Type, trees, visited);
                    break;
                case IPropertySymbol property:
                    AddType(property.Type, trees, visited);
                    break;
                case IMethodSymbol method:
                    AddType(method.ReturnType, trees, visited);
                    foreach (var parameter in method.Parameters)
                        AddType(parameter.Type, trees, visited);
                    break;
            }
        }
        foreach (var reference in type.DeclaringSyntaxReferences.Where(r => !ReadContext.IsGenerated(r.SyntaxTree)))
            AddAttributeConstants(reference, compilation, trees, visited, cancellation);
        AddGlobalUsings(compilation, trees, cancellation);
        return trees.ToArray();
    }

    /// <summary>
    /// For a class that is not a model: what decides whether its attributes name <c>[MultiTaskModel]</c> (its own files
    /// with their usings and aliases, and global usings).
    /// </summary>
    public static SyntaxTree[] OfAttributeNames(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellation)
    {
        var trees = new HashSet<SyntaxTree>(type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree));
        AddGlobalUsings(compilation, trees, cancellation);
        return trees.ToArray();
    }

    private static void AddGlobalUsings(Compilation compilation, HashSet<SyntaxTree> trees, CancellationToken cancellation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellation) is CompilationUnitSyntax unit && unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
                trees.Add(tree);
        }
    }

    private static void AddType(ITypeSymbol? type, HashSet<SyntaxTree> trees, HashSet<ISymbol> visited)
    {
        if (type is null || !visited.Add(type))
            return;
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddType(array.ElementType, trees, visited);
                return;
            case INamedTypeSymbol named:
                foreach (var location in named.Locations.Where(l => l.IsInSource && l.SourceTree is not null))
                    trees.Add(location.SourceTree!);
                if (named.Locations.Any(l => l.IsInSource))
                {
                    // Only source types can change between edits; metadata types change with the references.
                    AddType(named.BaseType, trees, visited);
                    foreach (var contract in named.Interfaces)
                        AddType(contract, trees, visited);
                    AddType(named.ContainingType, trees, visited);
                }
                foreach (var argument in named.TypeArguments)
                    AddType(argument, trees, visited);
                return;
        }
    }

    // [ModelInput("Image", Sizes.Channels, ...)]: a constant declared in another file is part of the reading.
    private static void AddAttributeConstants(SyntaxReference reference, Compilation compilation, HashSet<SyntaxTree> trees, HashSet<ISymbol> visited, CancellationToken cancellation)
    {
        SemanticModel? model = null;
        foreach (var argument in reference.GetSyntax(cancellation).DescendantNodes().OfType<AttributeArgumentSyntax>())
        {
            foreach (var name in argument.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                model ??= compilation.GetSemanticModel(reference.SyntaxTree);
                if (model.GetSymbolInfo(name, cancellation).Symbol is { } symbol && visited.Add(symbol))
                {
                    foreach (var location in symbol.Locations.Where(l => l.IsInSource && l.SourceTree is not null))
                        trees.Add(location.SourceTree!);
                }
            }
        }
    }
}
