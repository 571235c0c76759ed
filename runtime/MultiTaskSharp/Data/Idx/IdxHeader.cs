using System;
using System.Globalization;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>What an IDX file's header declares: the element type and the size of every dimension.</summary>
/// <param name="ElementType">The type of every element.</param>
/// <param name="Dimensions">The sizes, outermost first (for MNIST images: count, rows, columns).</param>
public sealed record IdxHeader(IdxElementType ElementType, long[] Dimensions)
{
    /// <summary>The header's length in bytes: the 4-byte magic number and 4 bytes per dimension.</summary>
    public int ByteLength => 4 + 4 * Dimensions.Length;

    /// <summary>The number of elements the data holds (the product of the dimensions).</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (product, size) => checked(product * size));

    /// <summary>The size of one element in bytes.</summary>
    public int ElementSize => SizeOf(ElementType);

    /// <summary>The magic number as it appears in the file: 0x00, 0x00, the type code, the dimension count.</summary>
    public int MagicNumber => ((int)ElementType << 8) | Dimensions.Length;

    /// <summary>"60000×28×28 unsigned bytes": the shape and type, for messages.</summary>
    public string Describe()
        => string.Join("×", Dimensions.Select(d => d.ToString(CultureInfo.InvariantCulture))) + " " + Describe(ElementType) + "s";

    /// <summary>The size in bytes of one element of <paramref name="type"/>.</summary>
    public static int SizeOf(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an IDX element type."),
    };

    /// <summary>A readable name of <paramref name="type"/>: "unsigned byte", "32-bit float", ….</summary>
    public static string Describe(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => "unsigned byte",
        IdxElementType.SignedByte => "signed byte",
        IdxElementType.Int16 => "16-bit integer",
        IdxElementType.Int32 => "32-bit integer",
        IdxElementType.Float32 => "32-bit float",
        IdxElementType.Float64 => "64-bit float",
        _ => $"type 0x{(byte)type:X2}",
    };

    /// <inheritdoc />
    public bool Equals(IdxHeader? other)
        => other is not null && ElementType == other.ElementType && Dimensions.AsSpan().SequenceEqual(other.Dimensions);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ElementType);
        foreach (var size in Dimensions)
            hash.Add(size);
        return hash.ToHashCode();
    }
}
