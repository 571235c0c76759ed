using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Parsing;

/// <summary>An attribute argument as read: its value (null when absent or not a constant of the expected type) and where it was written.</summary>
internal readonly record struct Argument<T>(T? Value, bool IsSet, LocationInfo? Location);

/// <summary>
/// Typed access to one attribute application's arguments and their source locations, so readers neither index
/// <see cref="AttributeData.ConstructorArguments"/> by hand nor guess at syntax.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;

    public AttributeArguments(AttributeData attribute, CancellationToken cancellation)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) as AttributeSyntax;
        Location = LocationInfo.From(_syntax);
    }

    /// <summary>The whole attribute, <c>Head("A", Loss = ...)</c>.</summary>
    public LocationInfo? Location { get; }

    public AttributeData Data => _attribute;

    /// <summary>Positional argument <paramref name="index"/> of the constructor.</summary>
    public Argument<T> Positional<T>(int index)
    {
        var location = PositionalLocation(index);
        if (index >= _attribute.ConstructorArguments.Length)
            return new Argument<T>(default, false, location);
        var constant = _attribute.ConstructorArguments[index];
        return new Argument<T>(constant.Kind != TypedConstantKind.Array && constant.Value is T value ? value : default, true, location);
    }

    /// <summary>A positional <c>params</c> or array argument as its elements (null when absent or null).</summary>
    public (IReadOnlyList<object?>? Values, LocationInfo? Location) PositionalArray(int index)
    {
        if (index >= _attribute.ConstructorArguments.Length)
            return (null, null);
        var constant = _attribute.ConstructorArguments[index];
        return constant is { Kind: TypedConstantKind.Array, IsNull: false }
            ? (constant.Values.Select(v => v.Value).ToList(), PositionalLocation(index))
            : (null, PositionalLocation(index));
    }

    /// <summary>Named argument <paramref name="name"/>; <see cref="Argument{T}.IsSet"/> says whether it was written.</summary>
    public Argument<T> Named<T>(string name)
    {
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Key != name)
                continue;
            var constant = argument.Value;
            var value = constant.Kind != TypedConstantKind.Array && constant.Value is T typed ? typed : default;
            return new Argument<T>(value, true, NamedLocation(name));
        }
        return new Argument<T>(default, false, null);
    }

    /// <summary>A named array argument's elements (null when absent or null).</summary>
    public (IReadOnlyList<object?>? Values, LocationInfo? Location) NamedArray(string name)
    {
        foreach (var argument in _attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value is { Kind: TypedConstantKind.Array, IsNull: false } array)
                return (array.Values.Select(v => v.Value).ToList(), NamedLocation(name));
        }
        return (null, NamedLocation(name));
    }

    /// <summary>Where positional argument <paramref name="index"/> was written, or null.</summary>
    public LocationInfo? PositionalLocation(int index)
    {
        if (_syntax?.ArgumentList is not { } list)
            return null;
        var positional = list.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return index < positional.Count ? LocationInfo.From(positional[index]) : null;
    }

    /// <summary>Where named argument <paramref name="name"/> was written (the whole <c>Name = value</c>), or null.</summary>
    public LocationInfo? NamedLocation(string name)
        => _syntax?.ArgumentList is { } list
            ? LocationInfo.From(list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name))
            : null;

    /// <summary>The named argument's location, else the attribute's.</summary>
    public LocationInfo? At(string name) => NamedLocation(name) ?? Location;

    /// <summary>Positional argument <paramref name="index"/>'s location, else the attribute's.</summary>
    public LocationInfo? At(int index) => PositionalLocation(index) ?? Location;
}
