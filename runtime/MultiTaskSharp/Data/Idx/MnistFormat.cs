using System.IO;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>The two splits of an MNIST-format data set.</summary>
public enum MnistSplit
{
    /// <summary>The training split (<c>train-*</c> files; 60,000 examples in MNIST and Fashion-MNIST).</summary>
    Train,

    /// <summary>The test split (<c>t10k-*</c> files; 10,000 examples).</summary>
    Test,
}

/// <summary>
/// Loads a split of any data set published in MNIST's layout (MNIST, Fashion-MNIST, KMNIST): a
/// directory holding <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, each gzipped (<c>.gz</c>) or plain.
/// </summary>
public static class MnistFormat
{
    /// <summary>The file name (without <c>.gz</c>) of a split's images.</summary>
    public static string ImagesFileName(MnistSplit split) => Prefix(split) + "-images-idx3-ubyte";

    /// <summary>The file name (without <c>.gz</c>) of a split's labels.</summary>
    public static string LabelsFileName(MnistSplit split) => Prefix(split) + "-labels-idx1-ubyte";

    /// <summary>Whether <paramref name="directory"/> holds both files of both splits.</summary>
    public static bool IsPresent(string directory)
        => new[] { MnistSplit.Train, MnistSplit.Test }
            .SelectMany(s => new[] { ImagesFileName(s), LabelsFileName(s) })
            .All(name => Find(directory, name) is not null);

    /// <summary>Reads a split's images and labels (see <see cref="IdxFile.ReadLabeledImages"/>).</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names both accepted names.</exception>
    /// <exception cref="IdxFormatException">A file is damaged, of the wrong kind, or the counts differ.</exception>
    public static LabeledImages Load(string directory, MnistSplit split, ImagePixels pixels = ImagePixels.Bytes)
        => IdxFile.ReadLabeledImages(Require(directory, ImagesFileName(split)), Require(directory, LabelsFileName(split)), pixels);

    private static string Prefix(MnistSplit split) => split == MnistSplit.Train ? "train" : "t10k";

    // The gzipped name first: that is how the sets are distributed.
    private static string? Find(string directory, string name)
        => new[] { Path.Combine(directory, name + ".gz"), Path.Combine(directory, name) }.FirstOrDefault(File.Exists);

    private static string Require(string directory, string name)
        => Find(directory, name) ?? throw new FileNotFoundException(
            $"The MNIST-format file '{name}.gz' (or '{name}') is not in '{directory}'.", Path.Combine(directory, name + ".gz"));
}
