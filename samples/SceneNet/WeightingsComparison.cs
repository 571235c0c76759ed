using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;

namespace SceneNet;

/// <summary>
/// The <c>weightings</c> subcommand: the single-task baselines once, then the multi-task model with every strategy of
/// <see cref="WeightingCatalog"/> under identical conditions (same images, seed, batches, optimizer and epochs), and one
/// table: per-task test metrics, Δp against the baselines, and training time per step.
/// </summary>
public static class WeightingsComparison
{
    public static int Run(SceneOptions options)
    {
        var device = TorchDevices.Resolve(options.Device);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        using var train = ShapeScenes.Generate(options.TrainCount, random);
        using var validation = ShapeScenes.Generate(options.ValidationCount, random);
        using var test = ShapeScenes.Generate(options.TestCount, random);
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]SceneNet weightings[/]: {WeightingCatalog.All.Count} strategies, {options.Epochs} epochs each, seed {options.Seed}, {train.Count} training images{(options.Quick ? " (quick)" : "")}");

        var experiments = new Experiments(train, validation, test, options, device);
        var shapeOnly = experiments.ShapeOnly();
        var maskOnly = experiments.MaskOnly();
        var references = new Dictionary<string, TaskMetrics> { ["Shape"] = shapeOnly.Shape!, ["Mask"] = maskOnly.Mask! };

        var rows = new List<(RunResult Result, double DeltaP)>();
        foreach (var choice in WeightingCatalog.All)
        {
            var (result, model, optimizer) = experiments.MultiTask(choice, validate: false);
            using (model)
            using (optimizer)
            {
                double deltaP = MultiTaskImprovement.DeltaP(new SceneMetrics([result.Shape!, result.Mask!]), references);
                rows.Add((result, deltaP));
            }
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(Table(rows, shapeOnly, maskOnly));
        AnsiConsole.MarkupLineInterpolated($"Total time {clock.Elapsed.TotalMinutes:F1} min");
        var best = rows.MaxBy(r => r.DeltaP);
        AnsiConsole.MarkupLineInterpolated(
            $"Best Δp: {best.Result.Name} at {best.DeltaP * 100:+0.00;-0.00} % ({(best.DeltaP >= 0 ? "matches or beats" : "below")} both single-task baselines on average).");
        return 0;
    }

    private static Table Table(List<(RunResult Result, double DeltaP)> rows, RunResult shapeOnly, RunResult maskOnly)
    {
        var table = new Table().Title("Test set: every weighting strategy on the same data").AddColumns(
            "Model", "Shape accuracy", "Shape macro-F1", "Mask mean IoU", "Δp", "ms / step");
        for (int c = 1; c < table.Columns.Count; c++)
            table.Columns[c].RightAligned();
        table.AddRow(Markup.Escape(shapeOnly.Name), MetricText.Cell(shapeOnly.Shape?.Accuracy), MetricText.Cell(shapeOnly.Shape?.MacroF1), "—", "(ref.)", "—");
        table.AddRow(Markup.Escape(maskOnly.Name), "—", "—", MetricText.Cell(maskOnly.Mask?.MeanIoU), "(ref.)", "—");
        foreach (var (result, deltaP) in rows)
        {
            string delta = (deltaP * 100).ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + " %";
            table.AddRow(
                Markup.Escape(result.Name),
                MetricText.Cell(result.Shape?.Accuracy),
                MetricText.Cell(result.Shape?.MacroF1),
                MetricText.Cell(result.Mask?.MeanIoU),
                deltaP >= 0 ? $"[green]{delta}[/]" : delta,
                result.StepMilliseconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "—");
        }
        return table;
    }

    /// <summary>The two tasks' metrics as the Δp computation reads them.</summary>
    private sealed record SceneMetrics(IReadOnlyList<TaskMetrics> Tasks) : ITaskMetricsSet;
}
