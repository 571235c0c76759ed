using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>A trunk, stem or head as the shape checker sees it: its layers (null when unknown) and any stated output shape.</summary>
internal sealed record ResolvedComponent(LayerCall? Layers, TensorShape StatedOutput, LocationInfo? StatedLocation);

/// <summary>
/// Finds the module expression behind a component member: the field's or auto-property's
/// initializer, or the single constructor assignment of a member without one. A member written
/// anywhere else, or more than once, has no single expression and is unknown. Also reads the
/// member's <c>[OutputShape]</c>. Syntax and symbols stay inside this parse step.
/// </summary>
internal sealed class ComponentResolver
{
    private readonly INamedTypeSymbol _type;
    private readonly Compilation _compilation;
    private readonly Parsing.WellKnownTypes _known;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly Dictionary<string, ResolvedComponent> _resolved = new(System.StringComparer.Ordinal);
    private ILookup<string, IdentifierNameSyntax>? _names;

    public ComponentResolver(INamedTypeSymbol type, Compilation compilation, Parsing.WellKnownTypes known, CancellationToken cancellation)
    {
        _type = type;
        _compilation = compilation;
        _known = known;
        _cancellation = cancellation;
    }

    /// <summary>The layers and stated shape of a stem, trunk, tower or head member (read once per member).</summary>
    public ResolvedComponent Resolve(ComponentRef component)
    {
        if (_resolved.TryGetValue(component.MemberName, out var cached))
            return cached;
        var members = _type.GetMembers(component.MemberName);
        var stated = members.Select(StatedShape).FirstOrDefault(s => s.Location is not null);
        var member = members.FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
        LayerCall? layers = null;
        if (component.Kind != ComponentKind.Method && member is not null)
        {
            var expression = ModuleExpression(member);
            if (expression is not null)
                layers = new ModuleExpressionReader(_compilation, ModelFor, _cancellation).Read(expression);
        }
        return _resolved[component.MemberName] = new ResolvedComponent(layers, stated.Shape, stated.Location);
    }

    /// <summary>
    /// The modules of a user's own type that a component's expression creates (<c>new Scale()</c> inside a
    /// <c>Sequential</c>): the layer reader leaves them unknown, but export needs to name them (MTL0033).
    /// </summary>
    public IEnumerable<(string TypeName, LocationInfo? Location)> CustomModules(ComponentRef component)
    {
        var member = _type.GetMembers(component.MemberName).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
        if (component.Kind == ComponentKind.Method || member is null || ModuleExpression(member) is not { } expression)
            yield break;
        var model = ModelFor(expression.SyntaxTree);
        foreach (var creation in expression.DescendantNodesAndSelf().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (model.GetTypeInfo(creation, _cancellation).Type is INamedTypeSymbol created && IsUserModule(created))
                yield return (created.Name, LocationInfo.From(creation));
        }
    }

    /// <summary>A module type from outside TorchSharp: the user's own (or another library's) forward pass.</summary>
    public bool IsUserModule(ITypeSymbol type)
    {
        if (type.ContainingAssembly?.Name == "TorchSharp")
            return false;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.ContainingAssembly?.Name == "TorchSharp" && t.Name == "Module")
                return true;
        }
        return false;
    }

    /// <summary>The layers an expert or gate factory returns (its body must be one returned expression).</summary>
    public ResolvedComponent ResolveFactory(FactoryRef factory)
    {
        if (_resolved.TryGetValue(factory.MethodName, out var cached))
            return cached;
        var method = _type.GetMembers(factory.MethodName).OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == 0);
        var stated = method is null ? (TensorShape.Unknown, null) : StatedShape(method);
        LayerCall? layers = null;
        if (method is not null && method.DeclaringSyntaxReferences.Length == 1)
        {
            var returned = method.DeclaringSyntaxReferences[0].GetSyntax(_cancellation) switch
            {
                MethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
                MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } e } => e,
                _ => null,
            };
            if (returned is not null)
                layers = new ModuleExpressionReader(_compilation, ModelFor, _cancellation).Read(returned);
        }
        return _resolved[factory.MethodName] = new ResolvedComponent(layers, stated.Item1, stated.Item2);
    }

    /// <summary>The value of <c>[OutputShape(...)]</c>; no location when the member has none.</summary>
    private (TensorShape Shape, LocationInfo? Location) StatedShape(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (!_known.Is(attribute, _known.OutputShape))
                continue;
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(_cancellation));
            var shape = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } array
                ? TensorShape.Of(array.Values.Select(v => v.Value is int i ? (long)i : TensorShape.UnknownDim))
                : TensorShape.Unknown;
            // An empty shape states nothing, as for [ModelInput].
            return (shape.Rank == 0 ? TensorShape.Unknown : shape, location);
        }
        return (TensorShape.Unknown, null);
    }

    private ExpressionSyntax? ModuleExpression(ISymbol member)
    {
        ExpressionSyntax? initializer = null;
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            initializer ??= reference.GetSyntax(_cancellation) switch
            {
                VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
        }
        var writes = Writes(member).Take(2).ToList();
        if (writes.Count == 0)
            return initializer;
        // One plain assignment directly in a constructor (not in a lambda), and no initializer it would overwrite.
        if (initializer is null && writes.Count == 1
            && writes[0].Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            && assignment.Ancestors().TakeWhile(n => n is not MemberDeclarationSyntax).All(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            && assignment.FirstAncestorOrSelf<MemberDeclarationSyntax>() is ConstructorDeclarationSyntax)
            return assignment.Right;
        return null;
    }

    /// <summary>Every place in the class that may write the member: assignment targets, ref/out arguments, deconstructions.</summary>
    private IEnumerable<ExpressionSyntax> Writes(ISymbol member)
    {
        // One walk over the class serves every component; only names that match are bound.
        _names ??= _type.DeclaringSyntaxReferences.Where(r => !Parsing.ReadContext.IsGenerated(r.SyntaxTree))
            .SelectMany(reference => reference.GetSyntax(_cancellation).DescendantNodes().OfType<IdentifierNameSyntax>())
            .ToLookup(name => name.Identifier.ValueText, System.StringComparer.Ordinal);
        foreach (var name in _names[member.Name])
        {
            ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (!IsWritten(target))
                continue;
            var symbol = ModelFor(name.SyntaxTree).GetSymbolInfo(name, _cancellation).Symbol;
            // An unresolved name might be the member: count it, so the answer is "unknown" rather than wrong.
            if (symbol is null || SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member))
                yield return target;
        }
    }

    private static bool IsWritten(ExpressionSyntax target)
    {
        SyntaxNode node = target;
        // (a, b) = ... writes both a and b.
        while (node.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
            node = tuple;
        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            // ref trunk, ++x: anything that can write through or to it.
            RefExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
    }

    private SemanticModel ModelFor(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model))
            _models[tree] = model = _compilation.GetSemanticModel(tree);
        return model;
    }
}
