using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using MultiTaskSharp.Onnx;

namespace Deploy.Inference;

/// <summary>
/// Reads the reference inputs and TorchSharp outputs the training app saved as safetensors. Hand-written (a dozen lines
/// over System.Text.Json) because the one .NET reader, TorchSharp.PyBridge, creates libtorch tensors, and this app
/// must not load libtorch. Only F32 and I64 entries, the two the training app writes.
/// </summary>
internal static class ReferenceFile
{
    public static Dictionary<string, OnnxTensor> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        using var header = JsonDocument.Parse(file.AsMemory(8, headerLength));
        var tensors = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var entry in header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__"))
        {
            long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var bytes = file.AsSpan(checked((int)(8 + headerLength + offsets[0])), checked((int)(offsets[1] - offsets[0])));
            tensors[entry.Name] = entry.Value.GetProperty("dtype").GetString() switch
            {
                "F32" => new OnnxTensor<float>(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
                "I64" => new OnnxTensor<long>(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
                var other => throw new InvalidDataException($"{path}: entry {entry.Name} has dtype {other}; the reference file holds F32 and I64 only."),
            };
        }
        return tensors;
    }
}
