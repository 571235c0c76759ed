using System.IO;
using System.IO.Compression;
using System.Linq;
using TorchSharp;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Data.Idx;

/// <summary>A fact about the real Fashion-MNIST files; skipped where the Debian package is not installed.</summary>
public sealed class FactWithFashionMnistAttribute : FactAttribute
{
    public const string Directory = "/usr/share/datasets/fashion-mnist";

    public FactWithFashionMnistAttribute()
    {
        if (!MnistFormat.IsPresent(Directory))
            Skip = $"Fashion-MNIST is not in {Directory} (apt-get install dataset-fashion-mnist).";
    }
}

/// <summary>The real Fashion-MNIST files: shapes, label range and class balance, and pixel contents against a naive read.</summary>
public sealed class RealFashionMnistTests
{
    private const string Directory = FactWithFashionMnistAttribute.Directory;

    [FactWithFashionMnist]
    public void The_training_split_has_60000_images_of_28x28_and_6000_of_each_of_10_classes()
    {
        using var train = MnistFormat.Load(Directory, MnistSplit.Train);
        Assert.Equal([60_000L, 28, 28], train.Images.shape);
        Assert.Equal(torch.ScalarType.Byte, train.Images.dtype);
        Assert.Equal([60_000L], train.Labels.shape);
        Assert.Equal(0, train.Labels.min().item<long>());
        Assert.Equal(9, train.Labels.max().item<long>());
        var perClass = train.Labels.data<long>().ToArray().GroupBy(label => label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perClass.Count);
        Assert.All(perClass.Values, count => Assert.Equal(6_000, count));
    }

    [FactWithFashionMnist]
    public void The_test_split_matches_a_naive_byte_by_byte_read_of_the_gzip_file()
    {
        using var test = MnistFormat.Load(Directory, MnistSplit.Test);
        Assert.Equal([10_000L, 28, 28], test.Images.shape);
        Assert.All(test.Labels.data<long>().ToArray().GroupBy(label => label), group => Assert.Equal(1_000, group.Count()));

        // Independent of the reader: skip the 16 header bytes and sum the rest, and take the labels as bytes.
        using var images = new GZipStream(File.OpenRead(Path.Combine(Directory, "t10k-images-idx3-ubyte.gz")), CompressionMode.Decompress);
        using var all = new MemoryStream();
        images.CopyTo(all);
        var bytes = all.ToArray();
        long naiveSum = bytes.Skip(16).Sum(b => (long)b);
        Assert.Equal(16 + 10_000 * 28 * 28, bytes.Length);
        Assert.Equal(naiveSum, test.Images.sum(torch.ScalarType.Int64).item<long>());

        using var labels = new GZipStream(File.OpenRead(Path.Combine(Directory, "t10k-labels-idx1-ubyte.gz")), CompressionMode.Decompress);
        using var labelBytes = new MemoryStream();
        labels.CopyTo(labelBytes);
        Assert.Equal(labelBytes.ToArray().Skip(8).Select(b => (long)b), test.Labels.data<long>().ToArray());
    }
}
