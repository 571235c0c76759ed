using System.Globalization;
using System.Text;

namespace MultiTaskSharp;

/// <summary>
/// Evaluation results of one task: its mean unweighted loss and the metrics its head declared
/// (null for metrics it did not ask for).
/// </summary>
public sealed record TaskMetrics(
    string Task,
    double Loss,
    double? Accuracy = null,
    double? MacroF1 = null,
    double? MeanSquaredError = null,
    double? MeanAbsoluteError = null,
    double? MeanIoU = null)
{
    /// <summary>The value of one declared metric, or null when the task does not report it.</summary>
    public double? Get(MetricKind metric) => metric switch
    {
        MetricKind.Accuracy => Accuracy,
        MetricKind.MacroF1 => MacroF1,
        MetricKind.MeanSquaredError => MeanSquaredError,
        MetricKind.MeanAbsoluteError => MeanAbsoluteError,
        MetricKind.MeanIoU => MeanIoU,
        _ => null,
    };

    // Records print every property; metrics the task did not declare are left out instead of printed empty.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Task = {Task}, Loss = {Loss:G6}");
        foreach (var (name, value) in new[] { ("Accuracy", Accuracy), ("MacroF1", MacroF1), ("MeanSquaredError", MeanSquaredError), ("MeanAbsoluteError", MeanAbsoluteError), ("MeanIoU", MeanIoU) })
        {
            if (value is double present)
                builder.Append(CultureInfo.InvariantCulture, $", {name} = {present:G6}");
        }
        return true;
    }
}
