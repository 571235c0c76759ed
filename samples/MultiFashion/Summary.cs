using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiFashion;

/// <summary>A statistic over seeds: the mean and the sample standard deviation (0 for one seed).</summary>
public readonly record struct MeanStd(double Mean, double Std, int Count)
{
    public static MeanStd Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("No values to summarise.", nameof(values));
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MeanStd(mean, std, values.Count);
    }
}

/// <summary>One row of the results table: a model's results aggregated over seeds.</summary>
public sealed record SummaryRow(string Model, MeanStd? Left, MeanStd? Right, double? DeltaP, MeanStd SecondsPerEpoch, bool IsBaseline);

/// <summary>Aggregates the runs per model and compares every multi-task model with the single-task baselines.</summary>
public static class Summary
{
    public static IReadOnlyList<SummaryRow> Build(IReadOnlyList<RunResult> runs)
    {
        var rows = new List<SummaryRow>();
        var leftBaseline = Aggregate(runs, Experiments.LeftOnlyName, r => r.Left);
        var rightBaseline = Aggregate(runs, Experiments.RightOnlyName, r => r.Right);
        foreach (var model in runs.Select(r => r.Model).Distinct())
        {
            var left = Aggregate(runs, model, r => r.Left);
            var right = Aggregate(runs, model, r => r.Right);
            bool isBaseline = model is Experiments.LeftOnlyName or Experiments.RightOnlyName;
            double? deltaP = !isBaseline && left is { } l && right is { } r && leftBaseline is { } lb && rightBaseline is { } rb
                ? DeltaP([l.Mean, r.Mean], [lb.Mean, rb.Mean], [true, true])
                : null;
            var time = MeanStd.Of(runs.Where(run => run.Model == model).Select(run => run.SecondsPerEpoch).ToList());
            rows.Add(new SummaryRow(model, left, right, deltaP, time, isBaseline));
        }
        return rows;
    }

    /// <summary>
    /// LibMTL's Δp in percent: the mean over tasks of the relative change against the baseline,
    /// (M − B) / B when higher is better and (B − M) / B when lower is better.
    /// </summary>
    public static double DeltaP(IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<bool> higherIsBetter)
    {
        if (model.Count != baseline.Count || model.Count != higherIsBetter.Count || model.Count == 0)
            throw new ArgumentException($"Δp needs one model value, baseline value and direction per task; got {model.Count}, {baseline.Count} and {higherIsBetter.Count}.");
        double sum = 0;
        for (int t = 0; t < model.Count; t++)
        {
            double sign = higherIsBetter[t] ? 1 : -1;
            sum += sign * (model[t] - baseline[t]) / baseline[t];
        }
        return 100 * sum / model.Count;
    }

    private static MeanStd? Aggregate(IReadOnlyList<RunResult> runs, string model, Func<RunResult, double?> value)
    {
        var values = runs.Where(r => r.Model == model).Select(value).OfType<double>().ToList();
        return values.Count == 0 ? null : MeanStd.Of(values);
    }
}
