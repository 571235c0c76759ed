using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Topologies;

/// <summary>The mean and sample standard deviation of a metric over repeated runs (seeds).</summary>
public sealed record Spread(double Mean, double StandardDeviation, int Count)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
            throw new ArgumentException("A spread needs at least one value.", nameof(values));
        double mean = list.Average();
        double std = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return new Spread(mean, std, list.Count);
    }

    /// <summary>"mean ± std" (just the mean for a single run).</summary>
    public override string ToString() => Count > 1 ? $"{Report.Format(Mean)} ± {Report.Format(StandardDeviation)}" : Report.Format(Mean);

    /// <summary>Like <see cref="ToString"/> with a fixed number of decimals, for columns of numbers of one scale.</summary>
    public string ToString(int decimals)
    {
        string format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        string mean = Mean.ToString(format, CultureInfo.InvariantCulture);
        return Count > 1 ? $"{mean} ± {StandardDeviation.ToString(format, CultureInfo.InvariantCulture)}" : mean;
    }
}
