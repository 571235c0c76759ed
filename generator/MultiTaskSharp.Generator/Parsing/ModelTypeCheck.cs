using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>Whether the class can become a generated module (MTL0001, MTL0002), and where it is nested.</summary>
internal static class ModelTypeCheck
{
    public static bool Check(ReadContext context)
    {
        var type = context.Type;
        bool usable = true;
        if (!context.Syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            context.Diagnostics.Report(DiagnosticDescriptors.NotPartial, context.ClassLocation, type.Name);
            usable = false;
        }
        string? problem = null;
        if (type.IsStatic)
            problem = "it is static";
        else if (type.IsRecord)
            problem = "it is a record; declare a class";
        else if (type.TypeParameters.Length > 0)
            problem = "it is generic; declare a non-generic class";
        else if (context.DeclaredBaseType() is { } baseType)
            problem = $"it derives from '{baseType.ToDisplayString()}'; the generator makes it derive from TorchSharp's Module, so remove the base class";
        else
        {
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.TypeParameters.Length > 0)
                {
                    problem = $"it is nested in the generic type '{outer.ToDisplayString()}'; a model's generated records cannot depend on the outer type's parameters, so move it out";
                    break;
                }
                bool outerIsPartial = outer.DeclaringSyntaxReferences
                    .Where(r => !ReadContext.IsGenerated(r.SyntaxTree))
                    .Select(r => r.GetSyntax(context.Cancellation))
                    .OfType<TypeDeclarationSyntax>()
                    .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!outerIsPartial || outer.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    problem = $"it is nested in '{outer.Name}', which must be a partial class or struct too";
                    break;
                }
            }
        }
        if (problem is not null)
        {
            context.Diagnostics.Report(DiagnosticDescriptors.UnsupportedModelType, context.ClassLocation, type.Name, problem);
            usable = false;
        }
        return usable;
    }

    public static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            chain.Insert(0, new ContainingType(outer.IsRecord ? (outer.IsValueType ? "record struct" : "record") : outer.IsValueType ? "struct" : "class", outer.Name));
        return chain.ToEquatableArray();
    }

    /// <summary>
    /// The file name stem: namespace parts joined by '.', nesting by '+' (as in metadata names), so that
    /// class M in namespace N and class M nested in a global class N do not collide.
    /// </summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var types = new List<string> { type.Name };
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            types.Insert(0, outer.Name);
        var name = string.Join("+", types);
        if (!type.ContainingNamespace.IsGlobalNamespace)
            name = type.ContainingNamespace.ToDisplayString() + "." + name;
        return new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '+' ? c : '_').ToArray());
    }

    /// <summary>
    /// With a hand-written constructor the generator cannot add its own, so every constructor must call
    /// <c>InitializeTaskModules()</c> (or chain with <c>this(...)</c> to one that does). The model is still generated:
    /// its code is right, only the constructor forgets to call it.
    /// </summary>
    public static void CheckConstructors(ReadContext context)
    {
        foreach (var constructor in context.Type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences.Where(r => !ReadContext.IsGenerated(r.SyntaxTree)))
            {
                if (reference.GetSyntax(context.Cancellation) is not ConstructorDeclarationSyntax syntax)
                    continue;
                if (syntax.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
                    continue;
                bool initializes = syntax.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => call.Expression switch
                {
                    IdentifierNameSyntax name => name.Identifier.ValueText == "InitializeTaskModules",
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText == "InitializeTaskModules",
                    _ => false,
                });
                if (!initializes)
                    context.Diagnostics.ReportNonBlocking(DiagnosticDescriptors.ConstructorSkipsInitialization, LocationInfo.From(syntax.Identifier.GetLocation()), context.Type.Name);
            }
        }
    }
}
