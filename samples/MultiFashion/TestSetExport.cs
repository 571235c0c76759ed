using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;

namespace MultiFashion;

/// <summary>
/// Writes the composed test split as plain IDX files, so other tools (benchmarks/pytorch/check_multifashion.py
/// recomposes it with the reference's own NumPy/PIL steps) can check it or train on the very same examples.
/// </summary>
public static class TestSetExport
{
    public static void Write(TwoItemSet test, string directory)
    {
        Directory.CreateDirectory(directory);
        int count = (int)test.Count;
        int size = TwoItemComposer.Size;
        WriteBytes(Path.Combine(directory, "multifashion-t10k-images-idx3-ubyte"), test.Pixels.data<byte>().ToArray(), count, size, size);
        WriteBytes(Path.Combine(directory, "multifashion-t10k-left-labels-idx1-ubyte"), test.Left.data<long>().ToArray().Select(l => (byte)l).ToArray(), count);
        WriteBytes(Path.Combine(directory, "multifashion-t10k-right-labels-idx1-ubyte"), test.Right.data<long>().ToArray().Select(l => (byte)l).ToArray(), count);
        WriteInts(Path.Combine(directory, "multifashion-t10k-left-source-idx1-int"), test.LeftSource, count);
        WriteInts(Path.Combine(directory, "multifashion-t10k-right-source-idx1-int"), test.RightSource, count);
    }

    private static void WriteBytes(string path, byte[] data, params int[] sizes)
    {
        using var file = File.Create(path);
        file.Write(Header(0x08, sizes));
        file.Write(data);
    }

    private static void WriteInts(string path, ReadOnlySpan<int> values, int count)
    {
        var data = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 * i), values[i]);
        using var file = File.Create(path);
        file.Write(Header(0x0C, count));
        file.Write(data);
    }

    // The IDX header: two zero bytes, the element type, the dimension count, then big-endian sizes.
    private static byte[] Header(byte type, params int[] sizes)
    {
        var header = new byte[4 + 4 * sizes.Length];
        header[2] = type;
        header[3] = (byte)sizes.Length;
        for (int d = 0; d < sizes.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), sizes[d]);
        return header;
    }
}
