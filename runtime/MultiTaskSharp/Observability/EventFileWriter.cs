using System;
using System.Buffers.Binary;
using System.IO;
using System.Numerics;
using System.Threading;
using Google.Protobuf;
using Tensorboard;

namespace MultiTaskSharp;

/// <summary>
/// Appends TensorBoard events to one event file: TFRecord framing (uint64 length, masked CRC-32C of the length, the
/// serialized <see cref="Event"/>, masked CRC-32C of it; little-endian), starting with the <c>brain.Event:2</c> header.
/// </summary>
/// <remarks>
/// Written here rather than through TorchSharp's <c>SummaryWriter</c> (whose protobuf <see cref="Event"/> type it
/// reuses) because that writer stamps the file header, and its file name, with <see cref="DateTime.Ticks"/> instead of
/// Unix seconds, and writes scalars with whole-second wall times; TensorBoard reads wall times as Unix seconds.
/// </remarks>
internal sealed class EventFileWriter
{
    private static int _files;

    public EventFileWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        double now = UnixSeconds();
        // TensorBoard's own naming: events.out.tfevents.<unix seconds>.<host>.<pid>.<n>; the counter keeps two writers apart.
        Path = System.IO.Path.Combine(directory,
            $"events.out.tfevents.{(long)now}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _files)}");
        Write(new Event { FileVersion = "brain.Event:2", WallTime = now });
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    public void WriteScalar(string tag, float value, long step)
    {
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, SimpleValue = value });
        Write(new Event { Step = step, WallTime = UnixSeconds(), Summary = summary });
    }

    private void Write(Event value)
    {
        var payload = value.ToByteArray();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)payload.Length);
        Span<byte> crc = stackalloc byte[4];
        // Opened per event, as TorchSharp's writer does: a crash keeps every event written so far, and nothing needs disposing.
        using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(length);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(length));
        file.Write(crc);
        file.Write(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(payload));
        file.Write(crc);
    }

    private static double UnixSeconds() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>TFRecord's masked CRC-32C (Castagnoli); <see cref="BitOperations.Crc32C(uint, byte)"/> uses the CPU's instruction when there is one.</summary>
    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
            crc = BitOperations.Crc32C(crc, b);
        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
