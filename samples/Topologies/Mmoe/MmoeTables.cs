using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace Topologies.Mmoe;

/// <summary>The test result of one model at one correlation and seed.</summary>
public sealed record MmoeOutcome(string Model, double Correlation, int Seed, double Y1, double Y2, long Parameters, string Gates)
{
    /// <summary>The mean of the two tasks' test MSEs (what the paper plots).</summary>
    public double Average => (Y1 + Y2) / 2;
}

/// <summary>The mean-predictor baseline and the label correlation of one correlation and seed.</summary>
public sealed record MmoeReference(double Correlation, int Seed, double MeanPredictorY1, double MeanPredictorY2, double LabelCorrelation);

/// <summary>The tables of the mmoe experiment.</summary>
public static class MmoeTables
{
    /// <summary>Cosine similarity p of the weight vectors against the Pearson correlation of the labels (the paper's Figure 3).</summary>
    public static void PrintLabelCorrelations(IReadOnlyList<MmoeReference> references)
    {
        var table = new Table().Title("Weight cosine p vs label Pearson correlation (training labels)")
            .AddColumn("p").AddColumn(new TableColumn("Label correlation").RightAligned())
            .AddColumn(new TableColumn("Mean-predictor MSE Y1").RightAligned()).AddColumn(new TableColumn("Mean-predictor MSE Y2").RightAligned());
        foreach (var group in references.GroupBy(r => r.Correlation))
        {
            table.AddRow(Report.Invariant($"{group.Key:0.0}"), Spread.Of(group.Select(r => r.LabelCorrelation)).ToString(3),
                Spread.Of(group.Select(r => r.MeanPredictorY1)).ToString(3), Spread.Of(group.Select(r => r.MeanPredictorY2)).ToString(3));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Model × correlation: the mean of the two tasks' test MSEs, mean ± std over seeds.</summary>
    public static void PrintSummary(IReadOnlyList<MmoeOutcome> outcomes, IReadOnlyList<double> correlations)
    {
        int seeds = outcomes.Select(o => o.Seed).Distinct().Count();
        var table = new Table().Title(Report.Invariant($"Test MSE, mean of the two tasks (mean ± std over {seeds} seed(s))"))
            .AddColumn("Model").AddColumn(new TableColumn("Parameters").RightAligned());
        foreach (double p in correlations)
            table.AddColumn(new TableColumn(Report.Invariant($"p = {p:0.0}")).RightAligned());
        foreach (var model in outcomes.Select(o => o.Model).Distinct())
        {
            var mine = outcomes.Where(o => o.Model == model).ToList();
            table.AddRow([model, Report.Count(mine[0].Parameters),
                .. correlations.Select(p => Spread.Of(mine.Where(o => o.Correlation == p).Select(o => o.Average)).ToString(4))]);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// Model × correlation: the test MSE divided by the same seed's mean-predictor MSE (1 − R²), averaged over the two
    /// tasks. The label variance differs from seed to seed (it depends on the drawn α, β), which this removes.
    /// </summary>
    public static void PrintNormalized(IReadOnlyList<MmoeOutcome> outcomes, IReadOnlyList<MmoeReference> references, IReadOnlyList<double> correlations)
    {
        var table = new Table().Title("Test MSE ÷ mean-predictor MSE (1 − R²), mean of the two tasks, mean ± std over seeds")
            .AddColumn("Model");
        foreach (double p in correlations)
            table.AddColumn(new TableColumn(Report.Invariant($"p = {p:0.0}")).RightAligned());
        double Normalized(MmoeOutcome o)
        {
            var r = references.Single(r => r.Seed == o.Seed && r.Correlation == o.Correlation);
            return (o.Y1 / r.MeanPredictorY1 + o.Y2 / r.MeanPredictorY2) / 2;
        }
        foreach (var model in outcomes.Select(o => o.Model).Distinct())
        {
            var mine = outcomes.Where(o => o.Model == model).ToList();
            table.AddRow([model, .. correlations.Select(p => Spread.Of(mine.Where(o => o.Correlation == p).Select(Normalized)).ToString(4))]);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// Model × correlation: the model's mean test MSE minus shared-bottom's on the same seed (same data, same initial
    /// seed), and on how many seeds it was lower: the comparison without the seed-to-seed spread.
    /// </summary>
    public static void PrintPaired(IReadOnlyList<MmoeOutcome> outcomes, IReadOnlyList<double> correlations, string baseline)
    {
        var table = new Table().Title(Report.Invariant($"Paired difference vs {baseline}: Δ test MSE (mean of the two tasks), mean ± std over seeds; seeds where lower"))
            .AddColumn("Model");
        foreach (double p in correlations)
            table.AddColumn(new TableColumn(Report.Invariant($"p = {p:0.0}")).RightAligned());
        foreach (var model in outcomes.Select(o => o.Model).Distinct().Where(m => m != baseline))
        {
            var cells = correlations.Select(p =>
            {
                var deltas = outcomes.Where(o => o.Model == model && o.Correlation == p)
                    .Select(o => o.Average - outcomes.Single(b => b.Model == baseline && b.Seed == o.Seed && b.Correlation == p).Average)
                    .ToList();
                return Report.Invariant($"{Spread.Of(deltas).ToString(4)} ({deltas.Count(d => d < 0)}/{deltas.Count})");
            });
            table.AddRow([model, .. cells]);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Per correlation and model: each task's test MSE and what the gates do.</summary>
    public static void PrintDetails(IReadOnlyList<MmoeOutcome> outcomes, IReadOnlyList<MmoeReference> references, IReadOnlyList<double> correlations)
    {
        var table = new Table().Title("Per task (mean ± std over seeds); gates on the test set, first seed")
            .AddColumn("p").AddColumn("Model")
            .AddColumn(new TableColumn("Y1 MSE").RightAligned()).AddColumn(new TableColumn("Y2 MSE").RightAligned())
            .AddColumn(new TableColumn("Y1 R²").RightAligned()).AddColumn(new TableColumn("Y2 R²").RightAligned()).AddColumn("Gates");
        foreach (double p in correlations)
        {
            var reference = references.Where(r => r.Correlation == p).ToList();
            double baseline1 = reference.Average(r => r.MeanPredictorY1), baseline2 = reference.Average(r => r.MeanPredictorY2);
            foreach (var model in outcomes.Select(o => o.Model).Distinct())
            {
                var mine = outcomes.Where(o => o.Model == model && o.Correlation == p).ToList();
                double y1 = mine.Average(o => o.Y1), y2 = mine.Average(o => o.Y2);
                table.AddRow(Report.Invariant($"{p:0.0}"), model,
                    Spread.Of(mine.Select(o => o.Y1)).ToString(4), Spread.Of(mine.Select(o => o.Y2)).ToString(4),
                    Report.Invariant($"{1 - y1 / baseline1:F3}"), Report.Invariant($"{1 - y2 / baseline2:F3}"), mine[0].Gates);
            }
        }
        AnsiConsole.Write(table);
    }
}
