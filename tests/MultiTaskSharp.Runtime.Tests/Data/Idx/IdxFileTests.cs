using System;
using System.Buffers.Binary;
using System.Linq;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Data.Idx.IdxTestFiles;

namespace MultiTaskSharp.Runtime.Tests.Data.Idx;

/// <summary>Reading well-formed IDX files written byte by byte by the test: shapes, values, types, gzip.</summary>
public sealed class IdxFileTests : IDisposable
{
    private readonly IdxTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Three 2×3 images whose pixels are all different, so any transposition or offset shows.
    private static readonly byte[] Pixels = Enumerable.Range(0, 18).Select(i => (byte)(i * 14 + 3)).ToArray();

    private string ImagesFile(string name = "images-idx3-ubyte", bool gzip = false)
    {
        var content = UnsignedBytes(Pixels, 3, 2, 3);
        return _files.Write(name, gzip ? Gzip(content) : content);
    }

    [Fact]
    public void ReadImages_returns_a_uint8_tensor_N_rows_cols_in_row_major_order()
    {
        using var images = IdxFile.ReadImages(ImagesFile());
        Assert.Equal(torch.ScalarType.Byte, images.dtype);
        Assert.Equal([3L, 2, 3], images.shape);
        for (int n = 0; n < 3; n++)
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(Pixels[n * 6 + r * 3 + c], images[n, r, c].item<byte>());
    }

    [Fact]
    public void ReadImages_as_UnitFloat_divides_every_byte_by_255()
    {
        using var images = IdxFile.ReadImages(ImagesFile(), ImagePixels.UnitFloat);
        Assert.Equal(torch.ScalarType.Float32, images.dtype);
        var values = images.data<float>().ToArray();
        Assert.Equal(Pixels.Select(p => p / 255f), values);
    }

    [Fact]
    public void A_gzipped_file_is_recognised_by_its_first_bytes_not_by_its_name()
    {
        // Gzipped content without .gz, and plain content with .gz: both are read by what they hold.
        using var gzipped = IdxFile.ReadImages(ImagesFile("images.idx", gzip: true));
        using var plain = IdxFile.ReadImages(ImagesFile("images.gz", gzip: false));
        Assert.Equal(Pixels, gzipped.data<byte>().ToArray());
        Assert.Equal(Pixels, plain.data<byte>().ToArray());
    }

    [Fact]
    public void ReadLabels_returns_int64_labels()
    {
        var path = _files.Write("labels", Gzip(UnsignedBytes([9, 0, 3, 255], 4)));
        using var labels = IdxFile.ReadLabels(path);
        Assert.Equal(torch.ScalarType.Int64, labels.dtype);
        Assert.Equal([9L, 0, 3, 255], labels.data<long>().ToArray());
    }

    [Fact]
    public void ReadLabels_accepts_wider_big_endian_integer_labels()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(data, 70_000);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), -2);
        using var labels = IdxFile.ReadLabels(_files.Write("labels32", Concat(Header(0x0C, 2), data)));
        Assert.Equal([70_000L, -2], labels.data<long>().ToArray());
    }

    [Fact]
    public void Read_returns_signed_bytes_with_their_sign()
    {
        using var tensor = IdxFile.Read(_files.Write("s8", Concat(Header(0x09, 3), [0x80, 0xFF, 0x7F])));
        Assert.Equal(torch.ScalarType.Int8, tensor.dtype);
        Assert.Equal(new sbyte[] { -128, -1, 127 }, tensor.data<sbyte>().ToArray());
    }

    [Fact]
    public void Read_converts_big_endian_16_bit_integers()
    {
        var data = new byte[6];
        BinaryPrimitives.WriteInt16BigEndian(data, 0x1234);
        BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(2), -300);
        BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(4), short.MinValue);
        using var tensor = IdxFile.Read(_files.Write("i16", Concat(Header(0x0B, 3), data)));
        Assert.Equal(torch.ScalarType.Int16, tensor.dtype);
        Assert.Equal(new short[] { 0x1234, -300, short.MinValue }, tensor.data<short>().ToArray());
    }

    [Fact]
    public void Read_converts_big_endian_32_bit_integers_in_two_dimensions()
    {
        int[] values = [0x12345678, -70_000, 1, int.MinValue, 0, int.MaxValue];
        var data = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 * i), values[i]);
        using var tensor = IdxFile.Read(_files.Write("i32", Gzip(Concat(Header(0x0C, 2, 3), data))));
        Assert.Equal(torch.ScalarType.Int32, tensor.dtype);
        Assert.Equal([2L, 3], tensor.shape);
        Assert.Equal(values, tensor.data<int>().ToArray());
    }

    [Fact]
    public void Read_converts_big_endian_32_bit_floats()
    {
        float[] values = [1.5f, -0.1f, float.Epsilon, 3.4e38f];
        var data = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4 * i), values[i]);
        using var tensor = IdxFile.Read(_files.Write("f32", Concat(Header(0x0D, 4), data)));
        Assert.Equal(torch.ScalarType.Float32, tensor.dtype);
        Assert.Equal(values, tensor.data<float>().ToArray());
    }

    [Fact]
    public void Read_converts_big_endian_64_bit_floats()
    {
        double[] values = [Math.PI, -1e-300, 0.0];
        var data = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8 * i), values[i]);
        using var tensor = IdxFile.Read(_files.Write("f64", Concat(Header(0x0E, 1, 3), data)));
        Assert.Equal(torch.ScalarType.Float64, tensor.dtype);
        Assert.Equal([1L, 3], tensor.shape);
        Assert.Equal(values, tensor.data<double>().ToArray());
    }

    [Fact]
    public void ReadHeader_reads_the_type_and_unsigned_32_bit_sizes_without_the_data()
    {
        // A header promising far more data than follows: reading only the header must not care.
        var path = _files.Write("huge", Header(0x0D, 0xFFFF_FFFF, 2));
        var header = IdxFile.ReadHeader(path);
        Assert.Equal(IdxElementType.Float32, header.ElementType);
        Assert.Equal([4_294_967_295L, 2], header.Dimensions);
        Assert.Equal(0x0D02, header.MagicNumber);
        Assert.Equal(12, header.ByteLength);
    }

    [Fact]
    public void A_file_with_no_elements_reads_as_an_empty_tensor()
    {
        using var images = IdxFile.ReadImages(_files.Write("none", UnsignedBytes([], 0, 28, 28)));
        Assert.Equal([0L, 28, 28], images.shape);
    }

    [Fact]
    public void ReadLabeledImages_pairs_the_images_with_their_labels()
    {
        var labels = _files.Write("labels", UnsignedBytes([4, 1, 7], 3));
        using var set = IdxFile.ReadLabeledImages(ImagesFile(gzip: true), labels);
        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.Rows);
        Assert.Equal(3, set.Columns);
        Assert.Equal(Pixels, set.Images.data<byte>().ToArray());
        Assert.Equal([4L, 1, 7], set.Labels.data<long>().ToArray());
    }

    [Fact]
    public void MnistFormat_loads_each_split_from_gzipped_or_plain_files_with_the_standard_names()
    {
        Assert.False(MnistFormat.IsPresent(_files.Directory));
        _files.Write("train-images-idx3-ubyte.gz", Gzip(UnsignedBytes(Pixels, 3, 2, 3)));
        _files.Write("train-labels-idx1-ubyte", UnsignedBytes([1, 2, 3], 3));
        _files.Write("t10k-images-idx3-ubyte", UnsignedBytes(Pixels[..6], 1, 2, 3));
        Assert.False(MnistFormat.IsPresent(_files.Directory));
        _files.Write("t10k-labels-idx1-ubyte.gz", Gzip(UnsignedBytes([8], 1)));
        Assert.True(MnistFormat.IsPresent(_files.Directory));

        using var train = MnistFormat.Load(_files.Directory, MnistSplit.Train);
        using var test = MnistFormat.Load(_files.Directory, MnistSplit.Test, ImagePixels.UnitFloat);
        Assert.Equal([1L, 2, 3], train.Labels.data<long>().ToArray());
        Assert.Equal([1L, 2, 3], test.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, test.Images.dtype);
        Assert.Equal([8L], test.Labels.data<long>().ToArray());
    }
}
