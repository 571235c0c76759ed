using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace MultiTaskSharp.Runtime.Tests.Data.Idx;

/// <summary>
/// Writes IDX files byte by byte for the tests, independently of the reader: the magic number, the
/// big-endian sizes and big-endian elements are laid out here by hand.
/// </summary>
public sealed class IdxTestFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("mts-idx-").FullName;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Header bytes: 0, 0, type, rank, then each size as a big-endian uint32.</summary>
    public static byte[] Header(byte type, params uint[] sizes)
    {
        var header = new byte[4 + 4 * sizes.Length];
        header[2] = type;
        header[3] = (byte)sizes.Length;
        for (int d = 0; d < sizes.Length; d++)
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * d), sizes[d]);
        return header;
    }

    /// <summary>An unsigned-byte file: header then the bytes.</summary>
    public static byte[] UnsignedBytes(byte[] data, params uint[] sizes) => Concat(Header(0x08, sizes), data);

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (var part in parts)
            all.AddRange(part);
        return all.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
