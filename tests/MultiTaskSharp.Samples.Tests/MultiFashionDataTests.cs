using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using MultiFashion;
using Xunit;

namespace MultiTaskSharp.Samples.Tests;

/// <summary>
/// <c>samples/MultiFashion --data DIR</c> with MNIST-format sets of any size: the split sizes follow from the data,
/// and a set too small to split is a clear error, not a stack trace. The sets are tiny IDX files the tests write.
/// </summary>
public sealed class MultiFashionDataTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mts-multifashion-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_small_set_is_split_from_its_own_sizes()
    {
        WriteSet(trainImages: 50, testImages: 12);

        using var splits = MultiFashionData.Load(_directory, quick: false, dataSeed: 0);

        // A tenth of the training images is held out for validation; every test image is used.
        Assert.Equal(45, splits.Train.Count);
        Assert.Equal(5, splits.Validation.Count);
        Assert.Equal(12, splits.Test.Count);
    }

    [Fact]
    public void A_quick_run_takes_the_whole_set_when_it_is_smaller_than_the_quick_sizes()
    {
        WriteSet(trainImages: 30, testImages: 4);

        using var splits = MultiFashionData.Load(_directory, quick: true, dataSeed: 0);

        Assert.Equal(27, splits.Train.Count);
        Assert.Equal(3, splits.Validation.Count);
        Assert.Equal(4, splits.Test.Count);
    }

    [Fact]
    public void The_quick_sizes_cap_a_large_set()
        => Assert.Equal(new SplitSizes(20_000, 2_000, 2_000), SplitSizes.For(60_000, 10_000, quick: true, "dir"));

    [Fact]
    public void Fashion_MNIST_gets_the_reference_sizes()
        => Assert.Equal(new SplitSizes(54_000, 6_000, 10_000), SplitSizes.For(60_000, 10_000, quick: false, "dir"));

    [Theory]
    [InlineData(9, 5)]
    [InlineData(20, 0)]
    public void A_set_too_small_to_split_says_what_it_has_and_needs(int trainImages, int testImages)
    {
        WriteSet(trainImages, testImages);

        var error = Assert.Throws<InvalidDataException>(() => MultiFashionData.Load(_directory, quick: false, dataSeed: 0));

        Assert.Equal(
            $"'{_directory}' has {trainImages} training and {testImages} test images; MultiFashion needs at least 10 training "
            + "images (one in 10 is held out for validation) and 1 test image.", error.Message);
    }

    /// <summary>Plain (not gzipped) IDX files in the MNIST layout: uint8 images [N, 28, 28] and uint8 labels [N].</summary>
    private void WriteSet(int trainImages, int testImages)
    {
        var random = new Random(5);
        foreach (var (prefix, count) in new[] { ("train", trainImages), ("t10k", testImages) })
        {
            var pixels = new byte[count * 28 * 28];
            random.NextBytes(pixels);
            var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            WriteIdx(Path.Combine(_directory, $"{prefix}-images-idx3-ubyte"), pixels, count, 28, 28);
            WriteIdx(Path.Combine(_directory, $"{prefix}-labels-idx1-ubyte"), labels, count);
        }
    }

    private static void WriteIdx(string path, byte[] data, params int[] sizes)
    {
        using var file = File.Create(path);
        // Magic: two zero bytes, element type 0x08 (unsigned byte), the number of dimensions; sizes big-endian.
        file.Write([0, 0, 0x08, (byte)sizes.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (var s in sizes)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, s);
            file.Write(size);
        }
        file.Write(data);
    }
}
