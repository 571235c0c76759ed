using System.Globalization;
using System.Linq;
using MultiTaskSharp;

namespace SceneNet;

/// <summary>Short text for a task's declared metrics.</summary>
public static class MetricText
{
    public static string Of(TaskMetrics m)
    {
        var parts = new[]
        {
            ("acc", m.Accuracy), ("F1", m.MacroF1), ("IoU", m.MeanIoU), ("MSE", m.MeanSquaredError), ("MAE", m.MeanAbsoluteError),
        }.Where(p => p.Item2 is not null).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1} {p.Item2:F3}"));
        return m.Task + " " + string.Join(" ", parts);
    }

    /// <summary>A metric for a table cell: three decimals, or a dash when the model has no such task.</summary>
    public static string Cell(double? value) => value is double v ? v.ToString("F3", CultureInfo.InvariantCulture) : "—";
}
