namespace MultiTaskSharp;

/// <summary>
/// The element type an IDX file declares in the third byte of its magic number. Multi-byte
/// elements are stored big-endian.
/// </summary>
public enum IdxElementType : byte
{
    /// <summary>Unsigned 8-bit integers (code 0x08); MNIST-format images and labels use it.</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed 8-bit integers (code 0x09).</summary>
    SignedByte = 0x09,

    /// <summary>Signed 16-bit integers (code 0x0B).</summary>
    Int16 = 0x0B,

    /// <summary>Signed 32-bit integers (code 0x0C).</summary>
    Int32 = 0x0C,

    /// <summary>32-bit IEEE floats (code 0x0D).</summary>
    Float32 = 0x0D,

    /// <summary>64-bit IEEE floats (code 0x0E).</summary>
    Float64 = 0x0E,
}
