using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Tensorboard;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>
/// Reads a TensorBoard event file: TFRecord framing (uint64 length, uint32 masked CRC-32C of the length, the
/// payload, uint32 masked CRC-32C of the payload, all little-endian), each payload an <see cref="Event"/>.
/// The checksums are verified with the naive CRC-32C below, written from the definition, so a framing error
/// that TensorBoard would reject fails here too.
/// </summary>
public static class EventFile
{
    public static List<Event> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        int offset = 0;
        while (offset < bytes.Length)
        {
            var header = bytes.AsSpan(offset, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            Assert.Equal(MaskedCrc32C(header), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8, 4)));
            var payload = bytes.AsSpan(offset + 12, checked((int)length));
            Assert.Equal(MaskedCrc32C(payload), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + (int)length, 4)));
            events.Add(Event.Parser.ParseFrom(payload.ToArray()));
            offset += 12 + (int)length + 4;
        }
        return events;
    }

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), masked as TFRecord does.</summary>
    private static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
