using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace MultiTaskSharp.Benchmarks;

/// <summary>Median-of-rounds timing; medians resist the noise of a shared 2-core machine.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="rounds"/> times and returns each round's milliseconds.</summary>
    public static List<double> Rounds(int rounds, Action action)
    {
        var times = new List<double>(rounds);
        for (int i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
