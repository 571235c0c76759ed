using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Reads a module expression such as <c>Sequential(Conv2d(3, 16, 3, padding: 1), ReLU())</c> into
/// <see cref="LayerCall"/>s. Only calls that bind to a static factory of <c>TorchSharp.torch.nn</c>
/// are read as layers (a user's own <c>Linear</c> helper is not TorchSharp's); the binder's
/// <see cref="IInvocationOperation"/> maps positional, named, defaulted and <c>params</c> arguments
/// to parameters, so overload resolution is the compiler's, never a guess. A parameterless method
/// or property of the user's source whose body is a single returned expression (<c>static
/// Sequential Backbone() => Sequential(...)</c>) is read through: models share layer builders so.
/// </summary>
internal sealed class ModuleExpressionReader
{
    private const string TorchNnMetadataName = "TorchSharp.torch+nn";

    /// <summary>How many helper methods deep to follow; also ends recursion between helpers.</summary>
    private const int MaxHelperDepth = 8;

    private readonly Func<SyntaxTree, SemanticModel> _modelFor;
    private readonly INamedTypeSymbol? _torchNn;
    private readonly CancellationToken _cancellation;
    private int _helperDepth;

    public ModuleExpressionReader(Compilation compilation, Func<SyntaxTree, SemanticModel> modelFor, CancellationToken cancellation)
    {
        _modelFor = modelFor;
        _torchNn = compilation.GetTypeByMetadataName(TorchNnMetadataName);
        _cancellation = cancellation;
    }

    /// <summary>The factory call <paramref name="expression"/> makes, or null when it is anything else.</summary>
    public LayerCall? Read(ExpressionSyntax expression)
        => _torchNn is null ? null : ReadModule(_modelFor(expression.SyntaxTree).GetOperation(expression, _cancellation));

    private LayerCall? ReadModule(IOperation? operation)
    {
        _cancellation.ThrowIfCancellationRequested();
        operation = SkipConversions(operation);
        var helper = operation switch
        {
            IInvocationOperation { TargetMethod: { Parameters.Length: 0, IsGenericMethod: false } method } => (ISymbol)method,
            IPropertyReferenceOperation { Property: { Parameters.Length: 0 } property } => property,
            _ => null,
        };
        if (helper is not null && !SymbolEqualityComparer.Default.Equals(helper.ContainingType, _torchNn))
            return ReadHelper(helper);
        if (operation is not IInvocationOperation invocation
            || invocation.Instance is not null
            || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _torchNn))
            return null;

        var arguments = new Dictionary<string, LayerArgument>(StringComparer.Ordinal);
        var elements = ImmutableArray<LayerCall?>.Empty;
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
                return null;
            if (argument.ArgumentKind == ArgumentKind.ParamArray || parameter.IsParams)
            {
                // Only Sequential's modules come as params; an array passed whole is not readable element by element.
                elements = ReadParamsElements(argument);
                continue;
            }
            arguments[parameter.Name] = argument.ArgumentKind == ArgumentKind.DefaultValue
                ? new LayerArgument(DefaultValue(parameter), null)
                : new LayerArgument(ReadValue(argument.Value), LocationInfo.From(argument.Syntax));
        }
        return new LayerCall(invocation.TargetMethod.Name, arguments, LocationInfo.From(invocation.Syntax), elements);
    }

    /// <summary>The module a source helper returns, when its whole body is one returned expression.</summary>
    private LayerCall? ReadHelper(ISymbol helper)
    {
        // An override may return something else at run time than the body read here.
        if (_helperDepth >= MaxHelperDepth || helper.DeclaringSyntaxReferences.Length != 1
            || helper.IsVirtual || helper.IsAbstract || helper.IsOverride || helper.IsExtern)
            return null;
        var returned = helper.DeclaringSyntaxReferences[0].GetSyntax(_cancellation) switch
        {
            MethodDeclarationSyntax method => Returned(method.ExpressionBody, method.Body),
            PropertyDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
            PropertyDeclarationSyntax { AccessorList: { } accessors } when accessors.Accessors.Count == 1
                && accessors.Accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration) =>
                Returned(accessors.Accessors[0].ExpressionBody, accessors.Accessors[0].Body),
            _ => null,
        };
        if (returned is null)
            return null;
        _helperDepth++;
        var call = ReadModule(_modelFor(returned.SyntaxTree).GetOperation(returned, _cancellation));
        _helperDepth--;
        return call;
    }

    private static ExpressionSyntax? Returned(ArrowExpressionClauseSyntax? arrow, BlockSyntax? body)
        => arrow?.Expression ?? (body is { Statements.Count: 1 } && body.Statements[0] is ReturnStatementSyntax { Expression: { } expression } ? expression : null);

    private ImmutableArray<LayerCall?> ReadParamsElements(IArgumentOperation argument)
    {
        if (argument.ArgumentKind != ArgumentKind.ParamArray
            || SkipConversions(argument.Value) is not IArrayCreationOperation { Initializer: { } initializer })
            return ImmutableArray.Create(new LayerCall?[] { null });
        // Sequential(("conv", Conv2d(...)), ...) names its modules with tuples; the module is the second element.
        return initializer.ElementValues
            .Select(element => SkipConversions(element) is ITupleOperation { Elements.Length: 2 } named ? named.Elements[1] : element)
            .Select(ReadModule)
            .ToImmutableArray();
    }

    /// <summary>A parameter's default as TorchSharp declares it; unknown when it has none.</summary>
    private static ArgValue DefaultValue(IParameterSymbol parameter)
        => parameter.HasExplicitDefaultValue ? FromConstant(parameter.ExplicitDefaultValue, parameter.Type) : ArgValue.Unknown;

    private ArgValue ReadValue(IOperation? operation)
    {
        if (operation is null)
            return ArgValue.Unknown;
        if (operation.ConstantValue.HasValue)
            return FromConstant(operation.ConstantValue.Value, operation.Type);
        switch (operation)
        {
            // Implicit int → long, int → long?, (int, int) → (long, long)?: the value is the operand's.
            case IConversionOperation { Conversion.IsUserDefined: false } conversion:
                return operation.Syntax is CollectionExpressionSyntax collection
                    ? ReadCollection(collection)
                    : ReadValue(conversion.Operand);
            case ITupleOperation tuple:
                return ArgValue.List(tuple.Elements.Select(ReadValue));
            case IArrayCreationOperation { Initializer: { } initializer }:
                return ArgValue.List(initializer.ElementValues.Select(ReadValue));
        }
        // Roslyn 4.8 has no operation for collection expressions (C# 12 [2.0, 2.0]); read the syntax.
        return operation.Syntax is CollectionExpressionSyntax literal ? ReadCollection(literal) : ArgValue.Unknown;
    }

    private ArgValue ReadCollection(CollectionExpressionSyntax collection)
    {
        var items = new List<ArgValue>();
        foreach (var element in collection.Elements)
        {
            if (element is not ExpressionElementSyntax { Expression: { } expression })
                return ArgValue.Unknown;
            var model = _modelFor(expression.SyntaxTree);
            var constant = model.GetConstantValue(expression, _cancellation);
            items.Add(constant.HasValue ? FromConstant(constant.Value, model.GetTypeInfo(expression, _cancellation).Type) : ArgValue.Unknown);
        }
        return ArgValue.List(items);
    }

    private static ArgValue FromConstant(object? value, ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            // Default values and constants of enum type arrive as the underlying number.
            var member = enumType.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            return member is null ? ArgValue.Unknown : ArgValue.Enum(member.Name);
        }
        return value switch
        {
            null => ArgValue.Null,
            bool b => ArgValue.Boolean(b),
            long l => ArgValue.Integer(l),
            int i => ArgValue.Integer(i),
            short s => ArgValue.Integer(s),
            sbyte sb => ArgValue.Integer(sb),
            byte by => ArgValue.Integer(by),
            ushort us => ArgValue.Integer(us),
            uint ui => ArgValue.Integer(ui),
            ulong ul when ul <= long.MaxValue => ArgValue.Integer((long)ul),
            double d => ArgValue.Real(d),
            float f => ArgValue.Real(f),
            _ => ArgValue.Unknown,
        };
    }

    private static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation { Conversion.IsUserDefined: false } conversion)
            operation = conversion.Operand;
        return operation;
    }
}
