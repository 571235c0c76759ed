using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;

namespace SeedSystems;

/// <summary>The steps every system shares: train with per-epoch loss lines, score the test set, judge the result.</summary>
public static class SystemRun
{
    /// <summary>
    /// Fits <paramref name="model"/> (its optimizer must have been created after <c>model.to(device)</c>)
    /// and returns its metrics on <paramref name="test"/>.
    /// </summary>
    public static TMetrics TrainAndTest<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model,
        IBatchSource<TBatch> train,
        IBatchSource<TBatch> test,
        torch.optim.Optimizer optimizer,
        int epochs)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        // Long runs print about ten lines, not one per epoch.
        int every = Math.Max(1, epochs / 10);
        Trainer.Fit(model, train, optimizer, new FitOptions { Epochs = epochs }, onEpoch: record =>
        {
            if (record.Epoch % every == 0 || record.Epoch == 1 || record.Epoch == epochs)
                AnsiConsole.MarkupLine(EpochLine(record, epochs));
        });
        return model.Evaluate(test.GetBatches(epoch: 0));
    }

    /// <summary>The test metrics, one row per task, with only the columns some task declared.</summary>
    public static void PrintMetrics(ITaskMetricsSet metrics)
    {
        var columns = new (string Name, Func<TaskMetrics, double?> Value)[]
        {
            ("Accuracy", m => m.Accuracy), ("Macro-F1", m => m.MacroF1),
            ("MSE", m => m.MeanSquaredError), ("MAE", m => m.MeanAbsoluteError), ("Mean IoU", m => m.MeanIoU),
        }.Where(c => metrics.Tasks.Any(t => c.Value(t) is not null)).ToList();

        var table = new Table().Title("Test set").AddColumn("Task").AddColumn(new TableColumn("Loss").RightAligned());
        foreach (var column in columns)
            table.AddColumn(new TableColumn(column.Name).RightAligned());
        foreach (var task in metrics.Tasks)
            table.AddRow([task.Task, Format(task.Loss), .. columns.Select(c => c.Value(task) is double v ? Format(v) : "—")]);
        AnsiConsole.Write(table);
    }

    /// <summary>Prints the checks and returns the exit code: 0 when all pass, 1 otherwise.</summary>
    public static int Verdict(string system, IReadOnlyList<Check> checks)
    {
        var table = new Table().Title("Did it learn?")
            .AddColumns("Check", "Model", "Baseline", "Baseline value", "Rule", "Result");
        foreach (var check in checks)
        {
            table.AddRow(
                new Text(check.What), new Text(Format(check.Model)), new Text(check.BaselineName),
                new Text(Format(check.Baseline)), new Text(check.Rule),
                new Markup(check.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"));
        }
        AnsiConsole.Write(table);
        bool passed = checks.All(c => c.Passed);
        AnsiConsole.MarkupLine(passed ? $"[green]PASS[/] {system}" : $"[red]FAIL[/] {system}: " + Markup.Escape(string.Join("; ", checks.Where(c => !c.Passed).Select(c => c.What))));
        return passed ? 0 : 1;
    }

    public static string Format(double value) => value.ToString(Math.Abs(value) < 0.01 && value != 0 ? "G3" : "F3", CultureInfo.InvariantCulture);

    private static string EpochLine<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> record, int epochs)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class
    {
        var tasks = string.Join("  ", TLossValues.TaskNames.Select((name, t) => Invariant($"{name} {record.Train[t]:F4}")));
        return Invariant($"epoch {record.Epoch,3}/{epochs}  [grey]train loss[/] total {record.Train.Total:F4}  {tasks}  [grey]({record.Elapsed.TotalSeconds:F2} s)[/]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
