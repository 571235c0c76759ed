using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using MultiTaskSharp.Deploy.Tests.Models;
using MultiTaskSharp.Export;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Deploy.Tests.Weights;

/// <summary>
/// The safetensors file read by hand, as the format's specification describes it (an 8-byte little-endian header
/// length, a JSON header of name → dtype, shape, data_offsets, then the raw little-endian bytes): independent of the
/// library that wrote it, so a name, shape or byte it got wrong is caught here.
/// </summary>
public sealed class SafetensorsLayoutTests
{
    [Fact]
    public void The_file_holds_every_weight_under_its_pytorch_name_with_dtype_shape_and_bytes()
    {
        manual_seed(7);
        using var model = new TinyModel();
        string path = Path.Combine(Path.GetTempPath(), $"mts-layout-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.SaveSafetensors(path);
            byte[] file = File.ReadAllBytes(path);
            long headerLength = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(file));
            using var header = JsonDocument.Parse(file.AsMemory(8, checked((int)headerLength)));
            long dataStart = 8 + headerLength;

            var state = model.state_dict();
            var entries = header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__").ToList();
            Assert.Equal(state.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.Name).Order(StringComparer.Ordinal));
            Assert.Contains("trunk.0.weight", state.Keys);
            Assert.Contains("trunk.1.num_batches_tracked", state.Keys);

            long covered = 0;
            foreach (var entry in entries)
            {
                var tensor = state[entry.Name];
                long[] shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                string dtype = entry.Value.GetProperty("dtype").GetString()!;
                Assert.Equal(tensor.shape, shape);
                Assert.Equal(tensor.dtype == ScalarType.Int64 ? "I64" : "F32", dtype);
                var bytes = file.AsSpan(checked((int)(dataStart + offsets[0])), checked((int)(offsets[1] - offsets[0])));
                Assert.Equal(Bytes(tensor), bytes.ToArray());
                covered += offsets[1] - offsets[0];
            }
            Assert.Equal(file.LongLength - dataStart, covered); // nothing but the tensors after the header
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Bytes(Tensor tensor) => tensor.dtype == ScalarType.Int64
        ? MemoryMarshal.AsBytes(tensor.data<long>().ToArray().AsSpan()).ToArray()
        : MemoryMarshal.AsBytes(tensor.data<float>().ToArray().AsSpan()).ToArray();
}
