using System;
using System.IO;
using System.Linq;
using MultiTaskSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiFashion;

/// <summary>The three two-item splits; disposing it frees every tensor.</summary>
public sealed record MultiFashionSplits(TwoItemSet Train, TwoItemSet Validation, TwoItemSet Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

/// <summary>
/// Reads Fashion-MNIST (or any MNIST-format set) and builds MultiFashion from it. The validation
/// examples are held out of the training images <em>before</em> pairing, and each split pairs items only
/// within itself, so no item is seen in two splits.
/// </summary>
public static class MultiFashionData
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>Why the data cannot be read, as a message for the user, or null when every file is there.</summary>
    public static string? Missing(string directory)
    {
        if (MnistFormat.IsPresent(directory))
            return null;
        var expected = string.Join(", ", new[] { MnistSplit.Train, MnistSplit.Test }
            .SelectMany(s => new[] { MnistFormat.ImagesFileName(s), MnistFormat.LabelsFileName(s) }).Select(n => n + ".gz"));
        return $"Fashion-MNIST is not in '{directory}' (expected {expected}). " +
               $"On Debian or Ubuntu install it with: sudo apt-get install {DebianPackage}; or pass --data DIR for a directory holding MNIST-format files.";
    }

    /// <summary>
    /// Loads the source splits and composes the splits their sizes allow (<see cref="SplitSizes.For"/>): the whole set
    /// for a full run, at most the quick sizes with <paramref name="quick"/>. Any MNIST-format set works, whatever its
    /// size; one too small to split says so (<see cref="InvalidDataException"/>).
    /// </summary>
    public static MultiFashionSplits Load(string directory, bool quick, int dataSeed)
    {
        using var trainSource = MnistFormat.Load(directory, MnistSplit.Train);
        using var testSource = MnistFormat.Load(directory, MnistSplit.Test);
        var sizes = SplitSizes.For(trainSource.Count, testSource.Count, quick, directory);
        return Compose(trainSource, testSource, sizes, dataSeed);
    }

    /// <summary>
    /// Loads the source splits and composes <paramref name="trainCount"/> training and <paramref name="validationCount"/>
    /// validation examples from the training images and <paramref name="testCount"/> test examples from the test images.
    /// One <see cref="Random"/> from <paramref name="dataSeed"/> decides the hold-out and every pairing.
    /// </summary>
    public static MultiFashionSplits Load(string directory, int trainCount, int validationCount, int testCount, int dataSeed)
    {
        using var trainSource = MnistFormat.Load(directory, MnistSplit.Train);
        using var testSource = MnistFormat.Load(directory, MnistSplit.Test);
        if (trainCount + validationCount > trainSource.Count)
            throw new ArgumentException($"{trainCount} training + {validationCount} validation examples need that many training images, but '{directory}' has {trainSource.Count}.");
        if (testCount > testSource.Count)
            throw new ArgumentException($"{testCount} test examples need that many test images, but '{directory}' has {testSource.Count}.");
        return Compose(trainSource, testSource, new SplitSizes(trainCount, validationCount, testCount), dataSeed);
    }

    private static MultiFashionSplits Compose(LabeledImages trainSource, LabeledImages testSource, SplitSizes sizes, int dataSeed)
    {
        var random = new Random(dataSeed);
        var (trainCount, validationCount, testCount) = (sizes.Train, sizes.Validation, sizes.Test);
        var order = Shuffled(checked((int)trainSource.Count), random);
        var train = ComposeSubset(trainSource, order[..trainCount], random);
        var validation = ComposeSubset(trainSource, order[trainCount..(trainCount + validationCount)], random);
        // The full test split keeps its order, as the reference's does; a smaller one is a random subset.
        var testIndices = testCount == testSource.Count ? Enumerable.Range(0, testCount).ToArray() : Shuffled(checked((int)testSource.Count), random)[..testCount];
        var test = ComposeSubset(testSource, testIndices, random);
        return new MultiFashionSplits(train, validation, test);
    }

    private static TwoItemSet ComposeSubset(LabeledImages source, int[] indices, Random random)
    {
        using var scope = NewDisposeScope();
        var selected = tensor(indices.Select(i => (long)i).ToArray());
        return TwoItemComposer.Compose(source.Images.index_select(0, selected), source.Labels.index_select(0, selected), random, indices);
    }

    private static int[] Shuffled(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
