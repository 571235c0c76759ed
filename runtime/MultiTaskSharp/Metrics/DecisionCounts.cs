using System;

namespace MultiTaskSharp;

/// <summary>
/// True positive, false positive and false negative counts of one class (or one label's positive class),
/// and the scores the metrics average over classes.
/// </summary>
internal readonly record struct DecisionCounts(double TruePositives, double FalsePositives, double FalseNegatives)
{
    /// <summary>
    /// Whether the class occurs at all, in a target or a prediction. A class that never occurs has no
    /// defined F1 or IoU (0 / 0) and is left out of the averages, so a validation set in which a class
    /// happens not to appear does not score 0 for it.
    /// </summary>
    public bool Occurs => TruePositives + FalsePositives + FalseNegatives > 0;

    /// <summary>F1 of the class: 2·TP / (2·TP + FP + FN).</summary>
    public double F1 => 2 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Intersection over union of the class: TP / (TP + FP + FN).</summary>
    public double IoU => TruePositives / (TruePositives + FalsePositives + FalseNegatives);

    /// <summary>The mean of <paramref name="score"/> over the classes that occur; NaN when none does.</summary>
    public static double MeanOverOccurring(ReadOnlySpan<DecisionCounts> classes, Func<DecisionCounts, double> score)
    {
        double sum = 0;
        int occurring = 0;
        foreach (var counts in classes)
        {
            if (!counts.Occurs)
                continue;
            sum += score(counts);
            occurring++;
        }
        return occurring == 0 ? double.NaN : sum / occurring;
    }
}
