using Microsoft.CodeAnalysis;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>
/// Decides how the generated code calls a member marked as a stem, trunk, tower or head (or makes experts and
/// gates with a factory), and reports the member when it cannot be one, saying what is wrong with it.
/// </summary>
internal static class ComponentReader
{
    /// <summary>A stem, trunk, tower or head: a <c>Module&lt;Tensor, Tensor&gt;</c> field or property, or <c>Tensor M(Tensor)</c>.</summary>
    public static ComponentRef? Read(ReadContext context, ISymbol member, string role, bool allowRecurrent = false)
    {
        var known = context.Known;
        string? problem = member switch
        {
            { IsStatic: true } => $"is static; a [{role}] is an instance member of the model",
            IFieldSymbol { IsConst: true } => $"is a constant; a [{role}] holds a module",
            IFieldSymbol field => TypeProblem(known, field.Type, role, allowRecurrent),
            IPropertySymbol { IsIndexer: true } => $"is an indexer; a [{role}] is a field, property or method",
            IPropertySymbol { GetMethod: null } => "has no getter",
            IPropertySymbol property => TypeProblem(known, property.Type, role, allowRecurrent),
            IMethodSymbol { MethodKind: not MethodKind.Ordinary } => $"is not an ordinary method; a [{role}] is a field, property or method",
            IMethodSymbol method when method.IsGenericMethod || method.Parameters.Length != 1 || !known.IsTensor(method.ReturnType)
                || !known.IsTensor(method.Parameters[0].Type) || method.Parameters[0].RefKind != RefKind.None
                => "a method must have the signature 'Tensor M(Tensor)'",
            IMethodSymbol => null,
            _ => $"is not a field, property or method; a [{role}] holds or computes a module",
        };
        if (problem is not null)
        {
            context.Diagnostics.Report(Diagnostics.DiagnosticDescriptors.UnsupportedMember, ReadContext.MemberLocation(member), member.Name, role, problem);
            return null;
        }
        var kind = member switch
        {
            IMethodSymbol => ComponentKind.Method,
            IPropertySymbol => ComponentKind.ModuleProperty,
            _ => ComponentKind.ModuleField,
        };
        var type = (member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type;
        if (kind != ComponentKind.Method && known.RecurrentLayerOf(type) is { } layer)
            return new ComponentRef(member.Name, ComponentKind.Recurrent, new RecurrentSpec(layer, RecurrentOutput.LastStep, false, false));
        return new ComponentRef(member.Name, kind);
    }

    private static string? TypeProblem(WellKnownTypes known, ITypeSymbol type, string role, bool allowRecurrent)
    {
        if (known.IsTensorModule(type))
            return null;
        if (known.RecurrentLayerOf(type) is { } layer)
        {
            return allowRecurrent
                ? null
                : $"its type '{type.ToDisplayString()}' returns a tuple, not a tensor; only a [Trunk] can be a recurrent layer (it says what it passes on with Passes = ...), or wrap it in a method 'Tensor M(Tensor)'";
        }
        return $"its type '{type.ToDisplayString()}' is not a Module<Tensor, Tensor>";
    }

    /// <summary>An expert or gate factory: a parameterless, non-generic method returning a <c>Module&lt;Tensor, Tensor&gt;</c>.</summary>
    public static FactoryRef? ReadFactory(ReadContext context, ISymbol member, string role)
    {
        string? problem = member switch
        {
            IMethodSymbol { MethodKind: not MethodKind.Ordinary } => $"is not an ordinary method; [{role}] marks a factory method",
            IMethodSymbol { IsGenericMethod: true } => "is generic; a factory method takes no type parameters",
            IMethodSymbol { Parameters.Length: > 0 } => $"takes parameters; [{role}] marks a parameterless factory called once per module it makes",
            IMethodSymbol method when !context.Known.IsTensorModule(method.ReturnType)
                => $"returns '{method.ReturnType.ToDisplayString()}', which is not a Module<Tensor, Tensor>",
            IMethodSymbol => null,
            _ => $"is not a method; [{role}] marks a parameterless factory method such as 'static Sequential Expert() => Sequential(...)', called once per module",
        };
        if (problem is not null)
        {
            context.Diagnostics.Report(Diagnostics.DiagnosticDescriptors.UnsupportedMember, ReadContext.MemberLocation(member), member.Name, role, problem);
            return null;
        }
        return new FactoryRef(member.Name, member.IsStatic);
    }
}
