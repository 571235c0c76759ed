using System;
using System.IO;
using System.Linq;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Data.Idx.IdxTestFiles;

namespace MultiTaskSharp.Runtime.Tests.Data.Idx;

/// <summary>Every way an IDX file can be wrong fails with an error that names the file and says what was expected and found.</summary>
public sealed class IdxErrorTests : IDisposable
{
    private readonly IdxTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly byte[] SixPixels = [1, 2, 3, 4, 5, 6];

    private static IdxFormatException Fails(string path, Action read)
    {
        var error = Assert.Throws<IdxFormatException>(read);
        Assert.Equal(path, error.Path);
        Assert.Contains($"'{path}'", error.Message);
        return error;
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_files.Directory, "absent-images-idx3-ubyte.gz");
        var error = Assert.Throws<FileNotFoundException>(() => IdxFile.ReadImages(path));
        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_that_does_not_start_with_two_zero_bytes_is_not_an_IDX_file()
    {
        var path = _files.Write("text.idx", "Hello, world"u8.ToArray());
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("not an IDX file", error.Message);
        Assert.Contains("0x48656C6C", error.Message);   // "Hell", as read
        Assert.Contains("0x00000803", error.Message);   // what an images file looks like
    }

    [Fact]
    public void An_unknown_element_type_is_rejected_with_the_known_ones_listed()
    {
        var path = _files.Write("type0A", Concat(Header(0x0A, 2), [1, 2]));
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("element type 0x0A", error.Message);
        Assert.Contains("0x08 (unsigned byte)", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_magic_number_is_truncated()
    {
        var path = _files.Write("two-bytes", [0, 0]);
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("only 2 byte(s)", error.Message);
    }

    [Fact]
    public void A_header_cut_inside_the_sizes_is_truncated()
    {
        var path = _files.Write("cut-header", Header(0x08, 60000, 28, 28)[..10]);
        var error = Fails(path, () => IdxFile.ReadImages(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("declares 3 dimension(s), which needs 16 bytes, but the file ends after 10", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Data_shorter_than_the_header_promises_is_truncated(bool gzip)
    {
        var content = UnsignedBytes(SixPixels[..5], 2, 1, 3);
        var path = _files.Write("short", gzip ? Gzip(content) : content);
        var error = Fails(path, () => IdxFile.ReadImages(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("2×1×3 unsigned bytes, 6 bytes of data, but only 5 bytes follow the header", error.Message);
    }

    [Fact]
    public void A_gzip_stream_cut_short_is_reported_as_truncated_or_undecodable()
    {
        var gzipped = Gzip(UnsignedBytes(Enumerable.Range(0, 4000).Select(i => (byte)(i * 7)).ToArray(), 4000));
        var path = _files.Write("cut.gz", gzipped[..(gzipped.Length / 2)]);
        var error = Fails(path, () => IdxFile.ReadLabels(path));
        Assert.True(error.Message.Contains("truncated") || error.Message.Contains("cannot be decompressed"), error.Message);
    }

    [Fact]
    public void Corrupt_gzip_data_cannot_be_decompressed()
    {
        // The gzip magic and a valid header of the member, then bytes that are not a deflate stream.
        byte[] content = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        var path = _files.Write("corrupt.gz", content);
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("cannot be decompressed", error.Message);
    }

    [Fact]
    public void Bytes_after_the_data_are_rejected()
    {
        var path = _files.Write("long", Concat(UnsignedBytes(SixPixels, 1, 2, 3), [9, 9]));
        var error = Fails(path, () => IdxFile.ReadImages(path));
        Assert.Contains("longer than its header says", error.Message);
        Assert.Contains("2 bytes more", error.Message);
    }

    [Fact]
    public void Zero_dimensions_are_rejected()
    {
        var path = _files.Write("rank0", Header(0x08));
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("0 dimensions", error.Message);
    }

    [Fact]
    public void A_header_declaring_more_data_than_a_tensor_can_hold_is_rejected_before_reading()
    {
        var path = _files.Write("huge", Header(0x0E, 0xFFFF_FFFF, 0xFFFF_FFFF));
        var error = Fails(path, () => IdxFile.Read(path));
        Assert.Contains("is the header corrupt?", error.Message);
    }

    [Fact]
    public void A_labels_file_is_not_an_images_file()
    {
        var path = _files.Write("labels", UnsignedBytes([1, 2], 2));
        var error = Fails(path, () => IdxFile.ReadImages(path));
        Assert.Contains("not an images file", error.Message);
        Assert.Contains("expected unsigned bytes in 3 dimensions", error.Message);
        Assert.Contains("declares 2 unsigned bytes (magic number 0x00000801)", error.Message);
    }

    [Fact]
    public void A_float_file_is_not_a_labels_file()
    {
        var path = _files.Write("floats", Concat(Header(0x0D, 1), new byte[4]));
        var error = Fails(path, () => IdxFile.ReadLabels(path));
        Assert.Contains("not a labels file", error.Message);
        Assert.Contains("1 32-bit floats (magic number 0x00000D01)", error.Message);
    }

    [Fact]
    public void Images_and_labels_with_different_counts_are_rejected_naming_both_files()
    {
        var images = _files.Write("images", UnsignedBytes(SixPixels, 2, 1, 3));
        var labels = _files.Write("labels", UnsignedBytes([1, 2, 3], 3));
        var error = Fails(labels, () => IdxFile.ReadLabeledImages(images, labels));
        Assert.Contains($"'{images}' holds 2 images but '{labels}' holds 3 labels", error.Message);
    }

    [Fact]
    public void MnistFormat_names_the_missing_file_and_the_directory()
    {
        _files.Write("train-images-idx3-ubyte.gz", Gzip(UnsignedBytes(SixPixels, 2, 1, 3)));
        var error = Assert.Throws<FileNotFoundException>(() => MnistFormat.Load(_files.Directory, MnistSplit.Train));
        Assert.Contains("'train-labels-idx1-ubyte.gz' (or 'train-labels-idx1-ubyte')", error.Message);
        Assert.Contains(_files.Directory, error.Message);
    }
}
