using System.Collections.Generic;
using System.Globalization;
using Spectre.Console;

namespace MultiFashion;

/// <summary>The final comparison: test accuracy per task (mean ± std over seeds), Δp and time per epoch.</summary>
public static class ResultsTable
{
    public static Table Build(IReadOnlyList<SummaryRow> rows, int seeds)
    {
        var table = new Table()
            .Title($"MultiFashion test set: mean ± std over {seeds} seed(s)")
            .AddColumns("Model", "Left accuracy", "Right accuracy", "Δp vs single-task", "Time per epoch");
        for (int c = 1; c < table.Columns.Count; c++)
            table.Columns[c].RightAligned();
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Model),
                Percent(row.Left),
                Percent(row.Right),
                row.DeltaP is double d ? d.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " %" : "—",
                row.SecondsPerEpoch.Mean.ToString("F1", CultureInfo.InvariantCulture) + " s");
        }
        return table;
    }

    /// <summary>"83.21 ± 0.35 %", or a dash for a model without the task.</summary>
    public static string Percent(MeanStd? value) => value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{100 * v.Mean:F2} ± {100 * v.Std:F2} %")
        : "—";
}
