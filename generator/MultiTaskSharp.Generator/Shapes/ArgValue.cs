using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>What an argument of a layer factory call is known to be at compile time.</summary>
internal enum ArgKind
{
    /// <summary>Not a compile-time constant (a variable, a call, anything not understood).</summary>
    Unknown,

    /// <summary>The constant <c>null</c> (for example a nullable <c>stride</c> left at its default).</summary>
    Null,

    Integer,
    Real,
    Boolean,

    /// <summary>An enum member, held by its name (<c>Padding.Same</c> → "Same").</summary>
    Enum,

    /// <summary>A tuple or array whose elements are all known: <c>(3, 3)</c>, <c>new long[] { 2, 2 }</c>, <c>[2.0, 2.0]</c>.</summary>
    List,
}

/// <summary>
/// A constant argument value, independent of the overload it was passed to: rules ask for "an
/// integer or a tuple of two" rather than for a CLR type, which keeps them total over every
/// overload TorchSharp offers (<c>long</c>, <c>(long, long)</c>, <c>long[]</c>, <c>Padding</c>).
/// </summary>
internal sealed class ArgValue
{
    public static readonly ArgValue Unknown = new(ArgKind.Unknown, 0, 0, false, null, ImmutableArray<ArgValue>.Empty);
    public static readonly ArgValue Null = new(ArgKind.Null, 0, 0, false, null, ImmutableArray<ArgValue>.Empty);

    private ArgValue(ArgKind kind, long integer, double real, bool boolean, string? enumMember, ImmutableArray<ArgValue> items)
    {
        Kind = kind;
        IntegerValue = integer;
        RealValue = real;
        BooleanValue = boolean;
        EnumMember = enumMember;
        Items = items;
    }

    public ArgKind Kind { get; }

    public long IntegerValue { get; }

    public double RealValue { get; }

    public bool BooleanValue { get; }

    public string? EnumMember { get; }

    public ImmutableArray<ArgValue> Items { get; }

    public static ArgValue Integer(long value) => new(ArgKind.Integer, value, value, false, null, ImmutableArray<ArgValue>.Empty);

    public static ArgValue Real(double value) => new(ArgKind.Real, 0, value, false, null, ImmutableArray<ArgValue>.Empty);

    public static ArgValue Boolean(bool value) => new(ArgKind.Boolean, 0, 0, value, null, ImmutableArray<ArgValue>.Empty);

    public static ArgValue Enum(string member) => new(ArgKind.Enum, 0, 0, false, member, ImmutableArray<ArgValue>.Empty);

    /// <summary>A list; unknown as a whole when one element is.</summary>
    public static ArgValue List(IEnumerable<ArgValue> items)
    {
        var array = items.ToImmutableArray();
        return array.Any(i => i.Kind is ArgKind.Unknown or ArgKind.Null)
            ? Unknown
            : new(ArgKind.List, 0, 0, false, null, array);
    }

    /// <summary>An integer argument.</summary>
    public bool TryInteger(out long value)
    {
        value = IntegerValue;
        return Kind == ArgKind.Integer;
    }

    /// <summary>A number, integral or not.</summary>
    public bool TryReal(out double value)
    {
        value = RealValue;
        return Kind is ArgKind.Integer or ArgKind.Real;
    }

    public bool TryBoolean(out bool value)
    {
        value = BooleanValue;
        return Kind == ArgKind.Boolean;
    }

    /// <summary>
    /// <paramref name="count"/> integers from a scalar (repeated, as TorchSharp expands an int to every
    /// spatial dimension) or from a tuple or array of exactly that many. A one-element array counts
    /// only where libtorch expands it too (<paramref name="expandSingleElement"/>: pooling windows).
    /// </summary>
    public bool TryIntegers(int count, out long[] values, bool expandSingleElement = false)
    {
        values = new long[count];
        if (TryInteger(out long single) || (expandSingleElement && Kind == ArgKind.List && Items.Length == 1 && Items[0].TryInteger(out single)))
        {
            for (int i = 0; i < count; i++)
                values[i] = single;
            return true;
        }
        if (Kind != ArgKind.List || Items.Length != count)
            return false;
        for (int i = 0; i < count; i++)
        {
            if (!Items[i].TryInteger(out values[i]))
                return false;
        }
        return true;
    }

    /// <summary>Every element of a list as an integer (any length), or a scalar as a one-element list.</summary>
    public bool TryIntegerList(out long[] values)
    {
        if (TryInteger(out long single))
        {
            values = new[] { single };
            return true;
        }
        values = new long[Items.Length];
        if (Kind != ArgKind.List)
            return false;
        for (int i = 0; i < Items.Length; i++)
        {
            if (!Items[i].TryInteger(out values[i]))
                return false;
        }
        return true;
    }

    /// <summary>Every element of a list as a number (any length).</summary>
    public bool TryRealList(out double[] values)
    {
        values = new double[Items.Length];
        if (Kind != ArgKind.List)
            return false;
        for (int i = 0; i < Items.Length; i++)
        {
            if (!Items[i].TryReal(out values[i]))
                return false;
        }
        return true;
    }

    public bool IsEnum(string member) => Kind == ArgKind.Enum && EnumMember == member;

    public override string ToString() => Kind switch
    {
        ArgKind.Integer => IntegerValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ArgKind.Real => RealValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ArgKind.Boolean => BooleanValue ? "true" : "false",
        ArgKind.Enum => EnumMember!,
        ArgKind.List => "(" + string.Join(", ", Items) + ")",
        ArgKind.Null => "null",
        _ => "?",
    };
}
