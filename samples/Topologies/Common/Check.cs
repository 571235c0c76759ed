using System.Globalization;

namespace Topologies;

/// <summary>One learned-or-not check: the model's value of a metric against a stated baseline.</summary>
/// <param name="What">The model, task and metric, e.g. "MMoE Y1 MSE, p = 0.5".</param>
/// <param name="Model">The trained model's value on the test set (mean over seeds).</param>
/// <param name="BaselineName">What the baseline is, e.g. "predict the mean".</param>
/// <param name="Baseline">The baseline's value on the same test set.</param>
/// <param name="Rule">The pass rule, in words.</param>
/// <param name="Passed">Whether the rule holds.</param>
public sealed record Check(string What, double Model, string BaselineName, double Baseline, string Rule, bool Passed)
{
    /// <summary>Passes when an error metric is at most <paramref name="fraction"/> of the baseline's.</summary>
    public static Check ErrorBelow(string what, double model, string baselineName, double baseline, double fraction)
        => new(what, model, baselineName, baseline, Invariant($"≤ {fraction:0.##} × baseline"), model <= fraction * baseline);

    /// <summary>Passes when a score beats the baseline's by at least <paramref name="margin"/>.</summary>
    public static Check ScoreAbove(string what, double model, string baselineName, double baseline, double margin)
        => new(what, model, baselineName, baseline, Invariant($"≥ baseline + {margin:0.##}"), model >= baseline + margin);

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
