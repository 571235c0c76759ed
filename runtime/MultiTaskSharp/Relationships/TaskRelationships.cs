using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MultiTaskSharp;

/// <summary>
/// How the tasks related during one epoch of training (the "competition" and "selection" of multi-task learning),
/// averaged over the measured steps: each task's gradient norm on the shared parameters, every pair's gradient cosine
/// and conflict rate (the share of steps where the cosine was negative), the strategy's effective weights, and the
/// lookahead affinity Z[i, j]: how a step on task i alone changed task j's loss (positive: it helped).
/// </summary>
/// <param name="Tasks">The task names.</param>
/// <param name="Steps">How many steps were measured.</param>
/// <param name="GradientNorms">Mean ‖g_t‖ on the shared parameters.</param>
/// <param name="Cosines">Mean cos(g_i, g_j).</param>
/// <param name="ConflictRates">Share of measured steps with cos(g_i, g_j) &lt; 0.</param>
/// <param name="Weights">The strategy's effective weights at the end of the epoch.</param>
/// <param name="Affinity">Mean lookahead affinity Z[i, j] (Fifty et al., 2021), or null when not measured.</param>
public sealed record TaskRelationships(
    IReadOnlyList<string> Tasks,
    int Steps,
    IReadOnlyList<double> GradientNorms,
    double[,] Cosines,
    double[,] ConflictRates,
    IReadOnlyList<double> Weights,
    double[,]? Affinity)
{
    /// <summary>
    /// Groups of tasks worth training together: the partition that maximises, over tasks, the mean affinity each task
    /// receives from its group mates (a task alone scores 0), so tasks whose steps hurt each other end up apart. Uses
    /// the lookahead affinity when measured, else the gradient cosines. Exhaustive up to 8 tasks, greedy beyond.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> SuggestedGroups()
    {
        var score = Affinity ?? Cosines;
        int n = Tasks.Count;
        double Score(List<List<int>> partition)
        {
            double total = 0;
            foreach (var group in partition.Where(g => g.Count > 1))
            {
                foreach (var receiver in group)
                {
                    var received = group.Where(giver => giver != receiver).Select(giver => score[giver, receiver]).Where(double.IsFinite).ToList();
                    total += received.Count == 0 ? 0 : received.Average();
                }
            }
            return total;
        }
        List<List<int>> best;
        if (n <= 8)
        {
            best = Partitions(n).OrderByDescending(Score).ThenBy(p => p.Count).First();
        }
        else
        {
            // Greedy agglomeration: merge the two groups whose merge raises the score most, while one does.
            best = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
            while (true)
            {
                double current = Score(best);
                (int A, int B, double Gain) merge = (-1, -1, 0);
                for (int a = 0; a < best.Count; a++)
                    for (int b = a + 1; b < best.Count; b++)
                    {
                        var merged = best.Where((_, k) => k != a && k != b).Append(best[a].Concat(best[b]).ToList()).ToList();
                        double gain = Score(merged) - current;
                        if (gain > merge.Gain)
                            merge = (a, b, gain);
                    }
                if (merge.A < 0)
                    break;
                var joined = best[merge.A].Concat(best[merge.B]).ToList();
                best = best.Where((_, k) => k != merge.A && k != merge.B).Append(joined).ToList();
            }
        }
        return best.Select(g => (IReadOnlyList<string>)g.OrderBy(i => i).Select(i => Tasks[i]).ToList())
            .OrderBy(g => Tasks.ToList().IndexOf(g[0])).ToList();
    }

    /// <summary>The report as readable text: the matrices and the suggested grouping.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int width = Math.Max(8, Tasks.Max(t => t.Length) + 1);
        string Cell(double value) => (double.IsFinite(value) ? value.ToString("+0.000;-0.000", CultureInfo.InvariantCulture) : "—").PadLeft(width);
        void Matrix(string title, double[,] values, string rows, string columns)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{title} (row {rows}, column {columns}):");
            text.Append(new string(' ', width)).AppendLine(string.Concat(Tasks.Select(t => t.PadLeft(width))));
            for (int i = 0; i < Tasks.Count; i++)
                text.Append(Tasks[i].PadRight(width)).AppendLine(string.Concat(Enumerable.Range(0, Tasks.Count).Select(j => i == j && title != "Lookahead affinity" ? "·".PadLeft(width) : Cell(values[i, j]))));
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Task relationships over {Steps} measured step(s):");
        text.AppendLine("  " + string.Join("  ", Tasks.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{t}: ‖g‖ {GradientNorms[i]:G4}, weight {Weights[i]:G4}"))));
        Matrix("Gradient cosine", Cosines, "task i", "task j");
        Matrix("Conflict rate", ConflictRates, "task i", "task j");
        if (Affinity is not null)
            Matrix("Lookahead affinity", Affinity, "a step on task i", "change of task j's loss, 1 − L'/L");
        text.Append("Suggested grouping: ").AppendLine(string.Join(" | ", SuggestedGroups().Select(g => "{" + string.Join(", ", g) + "}")));
        return text.ToString();
    }

    /// <summary>Every partition of {0..n−1} into groups (Bell(n) of them).</summary>
    private static IEnumerable<List<List<int>>> Partitions(int n)
    {
        if (n == 0)
        {
            yield return new List<List<int>>();
            yield break;
        }
        foreach (var partition in Partitions(n - 1))
        {
            for (int g = 0; g < partition.Count; g++)
            {
                var copy = partition.Select(x => x.ToList()).ToList();
                copy[g].Add(n - 1);
                yield return copy;
            }
            var alone = partition.Select(x => x.ToList()).ToList();
            alone.Add(new List<int> { n - 1 });
            yield return alone;
        }
    }
}

/// <summary>Averages the measured steps of one epoch into a <see cref="TaskRelationships"/>.</summary>
internal sealed class RelationshipAccumulator(IReadOnlyList<string> tasks)
{
    private readonly int _n = tasks.Count;
    private readonly List<RelationshipSample> _samples = new();

    public void Add(RelationshipSample sample) => _samples.Add(sample);

    public TaskRelationships? Result(IReadOnlyList<double> weights)
    {
        if (_samples.Count == 0)
            return null;
        var norms = new double[_n];
        for (int t = 0; t < _n; t++)
            norms[t] = Mean(_samples.Where(s => s.Present[t]).Select(s => s.Norms[t]));
        double[,] Pairwise(Func<RelationshipSample, int, int, double> value)
        {
            var result = new double[_n, _n];
            for (int i = 0; i < _n; i++)
                for (int j = 0; j < _n; j++)
                    result[i, j] = Mean(_samples.Where(s => s.Present[i] && s.Present[j]).Select(s => value(s, i, j)));
            return result;
        }
        var cosines = Pairwise((s, i, j) => s.Cosines[i, j]);
        var conflicts = Pairwise((s, i, j) => double.IsFinite(s.Cosines[i, j]) ? (s.Cosines[i, j] < 0 ? 1 : 0) : double.NaN);
        var affinity = _samples.All(s => s.Affinity is not null) ? Pairwise((s, i, j) => s.Affinity![i, j]) : null;
        return new TaskRelationships(tasks, _samples.Count, norms, cosines, conflicts, weights.ToArray(), affinity);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }
}
