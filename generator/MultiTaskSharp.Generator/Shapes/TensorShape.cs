using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using MultiTaskSharp.Generator.Model;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// The shape of one example (no batch dimension) as far as the generator can tell. Two levels of
/// ignorance keep the checks free of false positives: the whole shape can be unknown (nothing is
/// checked downstream), or single dimensions can be (<see cref="UnknownDim"/>: rank-dependent rules
/// still apply, checks on that size do not).
/// </summary>
internal readonly struct TensorShape : IEquatable<TensorShape>
{
    /// <summary>A dimension whose size is not known at compile time.</summary>
    public const long UnknownDim = -1;

    private readonly EquatableArray<long> _dims;

    private TensorShape(EquatableArray<long> dims, bool isKnown)
    {
        _dims = dims;
        IsKnown = isKnown;
    }

    public static TensorShape Unknown => default;

    /// <summary>
    /// A shape of unknown rank whose last dimensions are known, <c>[…, 16]</c>: what a <c>Linear(8, 16)</c> outputs when
    /// nothing is known of its input. Rules that act on the last dimensions check against it; others see it as unknown.
    /// </summary>
    public static TensorShape Trailing(params long[] dims)
        => new(dims.Select(d => d >= 1 ? d : UnknownDim).ToImmutableArray().ToEquatableArray(), isKnown: false);

    /// <summary>A shape of known rank whose every size is unknown: <c>[?, ?, ?]</c>.</summary>
    public static TensorShape OfUnknownSizes(int rank) => Of(Enumerable.Repeat(UnknownDim, rank));

    /// <summary>The known last dimensions of a <see cref="Trailing"/> shape (empty for a plain unknown shape).</summary>
    public IReadOnlyList<long> KnownTrailing => _dims;

    /// <summary>A shape of known rank; sizes below 1 (or overflowing) count as unknown dimensions.</summary>
    public static TensorShape Of(IEnumerable<long> dims)
        => new(dims.Select(d => d >= 1 ? d : UnknownDim).ToImmutableArray().ToEquatableArray(), isKnown: true);

    public static TensorShape Of(params long[] dims) => Of((IEnumerable<long>)dims);

    /// <summary>Whether the rank is known (single dimensions may still be <see cref="UnknownDim"/>).</summary>
    public bool IsKnown { get; }

    public int Rank => IsKnown ? _dims.Count : -1;

    public IReadOnlyList<long> Dims => _dims;

    public long this[int index] => _dims[index];

    /// <summary>The size of dimension <paramref name="index"/> counted from the end (1 = last).</summary>
    public long FromEnd(int index) => _dims[_dims.Count - index];

    /// <summary>Whether a known size at <paramref name="index"/> differs from <paramref name="expected"/>.</summary>
    public bool Differs(int index, long expected) => _dims[index] != UnknownDim && _dims[index] != expected;

    // The derived shapes of an unknown shape stay unknown: never an empty, "known" shape by accident.
    public TensorShape Skip(int count) => IsKnown ? Of(_dims.Skip(count)) : Unknown;

    public TensorShape Append(params long[] dims) => IsKnown ? Of(_dims.Concat(dims)) : Unknown;

    /// <summary>Replaces the last <c>replacement.Count</c> dimensions (all of them when there are fewer).</summary>
    public TensorShape WithLast(IReadOnlyList<long> replacement)
        => IsKnown ? Of(_dims.Take(Math.Max(0, _dims.Count - replacement.Count)).Concat(replacement)) : Unknown;

    /// <summary>The product of sizes, or <see cref="UnknownDim"/> when one is unknown or it overflows.</summary>
    public static long Product(IEnumerable<long> dims)
    {
        long product = 1;
        foreach (var dim in dims)
        {
            // An overflow is no real tensor size: say nothing rather than report a wrapped number.
            if (dim < 1 || product > long.MaxValue / dim)
                return UnknownDim;
            product *= dim;
        }
        return product;
    }

    public bool Equals(TensorShape other) => IsKnown == other.IsKnown && _dims.Equals(other._dims);

    public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

    public override int GetHashCode() => IsKnown ? _dims.GetHashCode() : _dims.GetHashCode() ^ 0x5bd1e995;

    public static bool operator ==(TensorShape left, TensorShape right) => left.Equals(right);

    public static bool operator !=(TensorShape left, TensorShape right) => !left.Equals(right);

    /// <summary>PyTorch style, <c>[32, 8, 8]</c>, with <c>?</c> for an unknown size.</summary>
    public override string ToString() => IsKnown ? Format(_dims) : _dims.Count > 0 ? "[…, " + Format(_dims).Substring(1) : "(unknown)";

    public static string Format(IEnumerable<long> dims)
        => "[" + string.Join(", ", dims.Select(d => d == UnknownDim ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";
}
