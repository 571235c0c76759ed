using System.Globalization;

namespace SeedSystems;

/// <summary>One learned-or-not check: the model's value of a metric against a stated baseline.</summary>
/// <param name="What">The task and metric, e.g. "Y1 MSE".</param>
/// <param name="Model">The trained model's value on the test set.</param>
/// <param name="BaselineName">What the baseline is, e.g. "predict the mean".</param>
/// <param name="Baseline">The baseline's value on the same test set.</param>
/// <param name="Rule">The pass rule, in words.</param>
/// <param name="Passed">Whether the rule holds.</param>
public sealed record Check(string What, double Model, string BaselineName, double Baseline, string Rule, bool Passed)
{
    /// <summary>Passes when an error metric is at most <paramref name="fraction"/> of the baseline's.</summary>
    public static Check ErrorBelow(string what, double model, string baselineName, double baseline, double fraction)
        => new(what, model, baselineName, baseline, Invariant($"≤ {fraction:0.##} × baseline"), model <= fraction * baseline);

    /// <summary>Passes when a score is at least <paramref name="minimum"/> and above the baseline's.</summary>
    public static Check ScoreAbove(string what, double model, string baselineName, double baseline, double minimum)
        => new(what, model, baselineName, baseline, Invariant($"≥ {minimum:0.##} and > baseline"), model >= minimum && model > baseline);

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
