using System;
using System.IO;

namespace MultiFashion;

/// <summary>How many two-item examples each split gets, derived from the images a data set has.</summary>
/// <param name="Train">Training examples (training images not held out).</param>
/// <param name="Validation">Validation examples, held out of the training images before pairing.</param>
/// <param name="Test">Test examples (from the test images).</param>
public sealed record SplitSizes(int Train, int Validation, int Test)
{
    /// <summary>One training image in this many is held out for validation (6,000 of Fashion-MNIST's 60,000).</summary>
    public const int ValidationShare = 10;

    /// <summary>The fewest training images that still give every split an example: 9 to train, 1 to validate.</summary>
    public const int MinimumTrainingImages = ValidationShare;

    /// <summary>The fewest test images: one.</summary>
    public const int MinimumTestImages = 1;

    // A quick run caps the splits (and takes the whole set when it is smaller).
    public const int QuickTrain = 20_000;
    public const int QuickValidation = 2_000;
    public const int QuickTest = 2_000;

    /// <summary>
    /// The split sizes for a set of <paramref name="trainingImages"/> and <paramref name="testImages"/>: every image
    /// for a full run (a tenth of the training images held out for validation), at most the quick sizes with
    /// <paramref name="quick"/>. A set too small to give each split an example is an <see cref="InvalidDataException"/>
    /// naming the directory, what it has and what is needed.
    /// </summary>
    public static SplitSizes For(long trainingImages, long testImages, bool quick, string directory)
    {
        if (trainingImages < MinimumTrainingImages || testImages < MinimumTestImages)
            throw new InvalidDataException(
                $"'{directory}' has {trainingImages} training and {testImages} test images; MultiFashion needs at least "
                + $"{MinimumTrainingImages} training images (one in {ValidationShare} is held out for validation) and "
                + $"{MinimumTestImages} test image.");
        int validation = checked((int)(trainingImages / ValidationShare));
        int train = checked((int)trainingImages) - validation;
        int test = checked((int)testImages);
        return quick
            ? new SplitSizes(Math.Min(train, QuickTrain), Math.Min(validation, QuickValidation), Math.Min(test, QuickTest))
            : new SplitSizes(train, validation, test);
    }
}
