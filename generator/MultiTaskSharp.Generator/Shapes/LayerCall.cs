using System.Collections.Generic;
using System.Collections.Immutable;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>One argument of a factory call: its value and where it was written (null when defaulted).</summary>
internal sealed record LayerArgument(ArgValue Value, LocationInfo? Location);

/// <summary>
/// A call of a <c>torch.nn</c> factory such as <c>Conv2d(3, 16, 3, padding: 1)</c>, read into plain
/// values: the factory name, every parameter (written or defaulted) by TorchSharp's parameter name,
/// and for <c>Sequential</c> its elements. Holds no syntax or symbols, so rules can be tested on
/// hand-made calls and the parse step keeps no compilation alive.
/// </summary>
internal sealed class LayerCall
{
    public LayerCall(string name, IReadOnlyDictionary<string, LayerArgument> arguments, LocationInfo? location, ImmutableArray<LayerCall?> elements = default)
    {
        Name = name;
        Arguments = arguments;
        Location = location;
        Elements = elements.IsDefault ? ImmutableArray<LayerCall?>.Empty : elements;
    }

    /// <summary>The factory method's name, e.g. <c>Conv2d</c>.</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, LayerArgument> Arguments { get; }

    /// <summary>The whole call expression.</summary>
    public LocationInfo? Location { get; }

    /// <summary>The modules of a <c>Sequential</c>, in order; null for one the reader did not understand.</summary>
    public ImmutableArray<LayerCall?> Elements { get; }

    /// <summary>The argument's value; unknown when the overload has no such parameter.</summary>
    public ArgValue this[string parameter] => Arguments.TryGetValue(parameter, out var argument) ? argument.Value : ArgValue.Unknown;

    /// <summary>Where to point at a problem with <paramref name="parameter"/>: the argument, or the call when it was defaulted.</summary>
    public LocationInfo? LocationOf(string parameter)
        => Arguments.TryGetValue(parameter, out var argument) && argument.Location is not null ? argument.Location : Location;
}
