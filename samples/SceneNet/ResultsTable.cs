using System.Collections.Generic;
using System.Globalization;
using Spectre.Console;

namespace SceneNet;

/// <summary>The final comparison: every model's test metrics side by side.</summary>
public static class ResultsTable
{
    public static Table Build(IReadOnlyList<RunResult> results)
    {
        var table = new Table().Title("Test set: multi-task model vs single-task baselines").AddColumns(
            "Model", "Shape accuracy", "Shape macro-F1", "Mask mean IoU", "Parameters", "Train time");
        for (int c = 1; c < table.Columns.Count; c++)
            table.Columns[c].RightAligned();
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                MetricText.Cell(r.Shape?.Accuracy),
                MetricText.Cell(r.Shape?.MacroF1),
                MetricText.Cell(r.Mask?.MeanIoU),
                r.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
        }
        return table;
    }
}
