using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>What every reader of one declaration shares: the class, the well-known types and the diagnostics.</summary>
internal sealed class ReadContext
{
    public ReadContext(INamedTypeSymbol type, TypeDeclarationSyntax syntax, Compilation compilation, WellKnownTypes known, CancellationToken cancellation)
    {
        Type = type;
        Syntax = syntax;
        Compilation = compilation;
        Known = known;
        Cancellation = cancellation;
        ClassLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        Diagnostics = new DiagnosticBag(ClassLocation);
    }

    public INamedTypeSymbol Type { get; }
    public TypeDeclarationSyntax Syntax { get; }
    public Compilation Compilation { get; }
    public WellKnownTypes Known { get; }
    public CancellationToken Cancellation { get; }
    public LocationInfo? ClassLocation { get; }
    public DiagnosticBag Diagnostics { get; }

    public AttributeArguments Arguments(AttributeData attribute) => new(attribute, Cancellation);

    /// <summary>
    /// Whether <paramref name="tree"/> is this generator's output. The analyzer sees the model with its generated half
    /// (base class, fields, constructor); everything it checks must be what the user wrote.
    /// </summary>
    public static bool IsGenerated(SyntaxTree? tree)
        => tree?.FilePath.IndexOf("MultiTaskSharp.Generator.MultiTaskModelGenerator", System.StringComparison.Ordinal) >= 0;

    /// <summary>The parts of the class the user wrote.</summary>
    public IEnumerable<SyntaxReference> UserDeclarations()
        => Type.DeclaringSyntaxReferences.Where(r => !IsGenerated(r.SyntaxTree));

    /// <summary>The base class the user declared, if any (the generated part declares the module base).</summary>
    public INamedTypeSymbol? DeclaredBaseType()
    {
        if (Type.BaseType is not { SpecialType: not SpecialType.System_Object } baseType)
            return null;
        foreach (var reference in UserDeclarations())
        {
            if (reference.GetSyntax(Cancellation) is TypeDeclarationSyntax { BaseList: { } list } && list.Types.Count > 0)
            {
                var model = Compilation.GetSemanticModel(reference.SyntaxTree);
                if (model.GetTypeInfo(list.Types[0].Type, Cancellation).Type is INamedTypeSymbol { TypeKind: TypeKind.Class })
                    return baseType;
            }
        }
        return null;
    }

    /// <summary>The class's attributes of <paramref name="type"/>.</summary>
    public IEnumerable<AttributeData> ClassAttributes(INamedTypeSymbol? type)
        => type is null ? Enumerable.Empty<AttributeData>() : Type.GetAttributes().Where(a => Known.Is(a, type));

    /// <summary>Where a member is declared (its name).</summary>
    public static LocationInfo? MemberLocation(ISymbol member) => LocationInfo.From(member.Locations.FirstOrDefault());

    /// <summary>The model's own members written in source, in source order (file, then position).</summary>
    public IEnumerable<ISymbol> SourceOrderedMembers()
        => Type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Length > 0 && m.Locations[0].IsInSource && !IsGenerated(m.Locations[0].SourceTree))
            .OrderBy(m => m.Locations[0].SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations[0].SourceSpan.Start);
}
