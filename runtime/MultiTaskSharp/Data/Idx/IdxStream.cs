using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// The byte-level part of reading an IDX file: opening it (gzip or plain, told apart by the magic
/// bytes), parsing and checking the header, and copying the data into a tensor's native memory.
/// </summary>
/// <remarks>
/// Hand-written rather than a library: the format is a 4-byte magic number, big-endian sizes and raw
/// data, and no maintained .NET package reads it into TorchSharp tensors.
/// </remarks>
internal static class IdxStream
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/>, decompressing it when it starts with the gzip magic bytes 1F 8B.</summary>
    public static Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        Span<byte> start = stackalloc byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        // An IDX file starts with two zero bytes, so the two formats cannot be confused.
        if (read == 2 && start[0] == 0x1F && start[1] == 0x8B)
            return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), BufferSize);
        return file;
    }

    /// <summary>Reads and checks the header; the stream is left at the first data byte.</summary>
    public static IdxHeader ReadHeader(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = Fill(stream, magic, path);
        if (read < 4)
            throw new IdxFormatException(path, $"'{path}' is truncated: an IDX file starts with a 4-byte magic number, but the file holds only {read} byte(s).");
        if (magic[0] != 0 || magic[1] != 0)
            throw new IdxFormatException(path,
                $"'{path}' is not an IDX file: its magic number is 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}, but an IDX magic number is two zero bytes, " +
                "a type byte and a dimension count (for example 0x00000803 for MNIST images, 0x00000801 for MNIST labels).");
        var type = (IdxElementType)magic[2];
        if (!Enum.IsDefined(type))
            throw new IdxFormatException(path,
                $"'{path}' declares element type 0x{magic[2]:X2}, which is not an IDX type; expected 0x08 (unsigned byte), 0x09 (signed byte), " +
                "0x0B (16-bit integer), 0x0C (32-bit integer), 0x0D (32-bit float) or 0x0E (64-bit float).");
        int rank = magic[3];
        if (rank == 0)
            throw new IdxFormatException(path, $"'{path}' declares 0 dimensions; an IDX file has at least one.");

        Span<byte> sizes = stackalloc byte[4 * rank];
        read = Fill(stream, sizes, path);
        if (read < sizes.Length)
            throw new IdxFormatException(path,
                $"'{path}' is truncated: its header declares {rank} dimension(s), which needs {4 + sizes.Length} bytes, but the file ends after {4 + read}.");
        var dimensions = new long[rank];
        for (int d = 0; d < rank; d++)
            dimensions[d] = BinaryPrimitives.ReadUInt32BigEndian(sizes.Slice(4 * d, 4));
        return new IdxHeader(type, dimensions);
    }

    /// <summary>
    /// Reads the data <paramref name="header"/> describes into a new CPU tensor of the matching dtype and
    /// shape, converting big-endian elements to the machine's order, and checks that nothing follows it.
    /// </summary>
    public static torch.Tensor ReadData(Stream stream, IdxHeader header, string path)
    {
        long byteCount = DataLength(header, path);
        var tensor = torch.empty(header.Dimensions, ScalarTypeOf(header.ElementType));
        try
        {
            // Straight into libtorch's memory: no managed copy of a possibly large file.
            var data = byteCount == 0 ? Span<byte>.Empty : tensor.bytes;
            int read = Fill(stream, data, path);
            if (read < byteCount)
                throw new IdxFormatException(path,
                    $"'{path}' is truncated: its header describes {header.Describe()}, {Bytes(byteCount)} of data, but only {Bytes(read)} follow the header.");
            long extra = CountRemaining(stream, path);
            if (extra > 0)
                throw new IdxFormatException(path,
                    $"'{path}' is longer than its header says: after {header.Describe()} ({Bytes(byteCount)} of data) it has {Bytes(extra)} more. " +
                    "Is the header from another file?");
            ToMachineOrder(data, header.ElementType);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static long DataLength(IdxHeader header, string path)
    {
        long count;
        try
        {
            count = checked(header.ElementCount * header.ElementSize);
        }
        catch (OverflowException)
        {
            count = long.MaxValue;
        }
        // Tensor.bytes exposes the data as one Span, so a file's data is limited to int.MaxValue bytes.
        if (count > int.MaxValue)
            throw new IdxFormatException(path,
                $"'{path}' declares {header.Describe()}, more than the {Bytes(int.MaxValue)} one IDX tensor can hold here; is the header corrupt?");
        return count;
    }

    private static torch.ScalarType ScalarTypeOf(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => torch.ScalarType.Byte,
        IdxElementType.SignedByte => torch.ScalarType.Int8,
        IdxElementType.Int16 => torch.ScalarType.Int16,
        IdxElementType.Int32 => torch.ScalarType.Int32,
        IdxElementType.Float32 => torch.ScalarType.Float32,
        IdxElementType.Float64 => torch.ScalarType.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an IDX element type."),
    };

    // IDX stores multi-byte elements big-endian; floats are swapped as integers of the same width.
    private static void ToMachineOrder(Span<byte> data, IdxElementType type)
    {
        if (!BitConverter.IsLittleEndian)
            return;
        switch (IdxHeader.SizeOf(type))
        {
            case 2:
                var shorts = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }

    // Reads until the span is full or the stream ends; a corrupt gzip stream becomes an error naming the file.
    private static int Fill(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(path, $"'{path}' starts like a gzip file but cannot be decompressed: {e.Message}", e);
        }
    }

    private static long CountRemaining(Stream stream, string path)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = Fill(stream, buffer, path)) > 0)
            total += read;
        return total;
    }

    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " byte" : " bytes");
}
