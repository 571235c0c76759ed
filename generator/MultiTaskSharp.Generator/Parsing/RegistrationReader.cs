using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Diagnostics;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Finds what the generated constructor registers with the module, as TorchSharp's own <c>RegisterComponents</c> would:
/// module fields as submodules, <c>Parameter</c> fields as parameters, other <c>Tensor</c> fields as buffers, each
/// under its <c>[ComponentName]</c> or a PyTorch-style name. Also finds, for each method, the registered members its
/// body uses (to attribute a method trunk's LSTM to the trunk), and warns about modules nothing uses.
/// </summary>
internal static class RegistrationReader
{
    /// <summary>Names the generated code registers itself; a member keeps its own name rather than take one of these.</summary>
    public static readonly string[] GeneratedNames = { "loss_weighting", "experts", "task_experts", "gates", "levels", "cross_stitch" };

    public static List<RegisteredMember> Read(ReadContext context, string? weightingMember)
    {
        var candidates = new List<(ISymbol Member, RegisteredKind Kind, string? Explicit)>();
        foreach (var member in context.SourceOrderedMembers())
        {
            ITypeSymbol? type = member switch
            {
                IFieldSymbol { IsStatic: false, IsConst: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false } property when IsAutoProperty(context, property) => property.Type,
                _ => null,
            };
            if (type is null || member.Name == weightingMember)
                continue;
            var explicitName = ComponentName(context, member);
            if (context.Known.IsParameter(type))
                candidates.Add((member, RegisteredKind.Parameter, explicitName));
            else if (context.Known.IsModule(type))
                candidates.Add((member, RegisteredKind.Module, explicitName));
            else if (context.Known.IsTensor(type))
                candidates.Add((member, RegisteredKind.Buffer, explicitName));
        }

        var registered = new List<RegisteredMember>();
        var taken = new HashSet<string>(candidates.Select(c => c.Explicit ?? c.Member.Name), StringComparer.Ordinal);
        taken.UnionWith(GeneratedNames);
        foreach (var (member, kind, explicitName) in candidates)
        {
            // [ComponentName] wins, as in TorchSharp. Parameters and buffers keep their field name: TorchSharp's to()
            // rebinds a replaced tensor to the field whose (component) name is the registered name.
            var name = explicitName ?? (kind == RegisteredKind.Module ? PyTorchName(member.Name) : member.Name);
            if (explicitName is null && name != member.Name && (name.Length == 0 || !taken.Add(name)))
                name = member.Name;
            registered.Add(new RegisteredMember(member.Name, name, kind));
        }
        return registered;
    }

    private static string? ComponentName(ReadContext context, ISymbol member)
    {
        var attribute = member.GetAttributes().FirstOrDefault(a => context.Known.Is(a, context.Known.ComponentName));
        return attribute is null ? null : context.Arguments(attribute).Named<string>("Name").Value
            ?? context.Arguments(attribute).Positional<string>(0).Value;
    }

    private static string PyTorchName(string member)
    {
        if (member.StartsWith("m_", StringComparison.Ordinal))
            return member.Substring(2);
        return member.TrimStart('_');
    }

    private static bool IsAutoProperty(ReadContext context, IPropertySymbol property)
        => context.Type.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>For each method of the model, the registered members its body mentions (not as assignment targets).</summary>
    public static Dictionary<string, IReadOnlyList<string>> MethodModules(ReadContext context, IReadOnlyList<RegisteredMember> registered)
    {
        var names = new HashSet<string>(registered.Select(r => r.MemberName), StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var method in context.Type.GetMembers().OfType<IMethodSymbol>())
        {
            var used = new List<string>();
            foreach (var reference in method.DeclaringSyntaxReferences.Where(r => !ReadContext.IsGenerated(r.SyntaxTree)))
            {
                foreach (var identifier in reference.GetSyntax(context.Cancellation).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    var name = identifier.Identifier.ValueText;
                    if (names.Contains(name) && !IsAssignmentTarget(identifier) && !used.Contains(name))
                        used.Add(name);
                }
            }
            if (used.Count > 0)
                result[method.Name] = used;
        }
        return result;
    }

    /// <summary>Warns about a registered module no role and no code of the class uses: nothing would train it.</summary>
    public static void ReportUnwired(ReadContext context, IReadOnlyList<RegisteredMember> registered, ISet<string> wired)
    {
        // A module used anywhere in the class's code (a method trunk, a custom loss, a helper) counts as wired:
        // the check must never flag a module the user does use.
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in context.UserDeclarations())
        {
            foreach (var body in reference.GetSyntax(context.Cancellation).DescendantNodes().Where(n => n is BlockSyntax or ArrowExpressionClauseSyntax))
            {
                foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (!IsAssignmentTarget(identifier))
                        used.Add(identifier.Identifier.ValueText);
                }
            }
        }
        foreach (var member in registered)
        {
            if (member.Kind != RegisteredKind.Module || wired.Contains(member.MemberName) || used.Contains(member.MemberName))
                continue;
            var symbol = context.Type.GetMembers(member.MemberName).FirstOrDefault();
            context.Diagnostics.Report(DiagnosticDescriptors.UnwiredModule, LocationInfo.From(symbol?.Locations.FirstOrDefault()), member.MemberName, context.Type.Name);
        }
    }

    // `trunk = Linear(...)` or `this.trunk = ...` in a constructor assigns a module; it does not use it.
    private static bool IsAssignmentTarget(IdentifierNameSyntax identifier)
    {
        SyntaxNode node = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier
            ? access
            : identifier;
        return node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;
    }
}
