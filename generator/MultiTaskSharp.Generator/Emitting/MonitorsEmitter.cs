using System.Collections.Generic;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the model's typed monitors: one <c>FitMonitor</c> per task validation loss and per metric the task declares
/// (<c>ShapeLoss</c>, <c>ShapeAccuracy</c>), so early stopping, checkpoints and schedulers name what they watch in
/// code the compiler checks, and a misspelt task or an undeclared metric does not compile.
/// </summary>
internal static class MonitorsEmitter
{
    // The order metrics are listed in, as everywhere else (EpochSeries.Metrics).
    private static readonly MetricKind[] Order = [MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MeanIoU, MetricKind.MeanSquaredError, MetricKind.MeanAbsoluteError];

    public static void Write(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// What <c>Fit</c> can watch on this model, for early stopping, the best checkpoint or a plateau scheduler: each");
        w.Line("/// task's validation loss and every metric it declares. Model-wide monitors are on <see cref=\"global::MultiTaskSharp.FitMonitor\"/>.");
        w.Line("/// </summary>");
        w.Line(GeneratedCode);
        using (w.Block("public static class Monitors"))
        {
            var members = new List<(string Name, string Summary, string Value)>();
            foreach (var task in m.Tasks)
            {
                members.Add((task.Name + "Loss", $"Task {task.Name}'s mean validation loss (lower is better).",
                    $"{Runtime}.FitMonitor.DeclaredLoss({Literal(task.Name)})"));
                foreach (var metric in Order)
                {
                    if ((task.Metrics & metric) == 0)
                        continue;
                    string direction = metric is MetricKind.MeanSquaredError or MetricKind.MeanAbsoluteError ? "lower" : "higher";
                    members.Add((task.Name + metric, $"Task {task.Name}'s validation {metric} ({direction} is better).",
                        $"{Runtime}.FitMonitor.DeclaredMetric({Literal(task.Name)}, {Runtime}.MetricKind.{metric})"));
                }
            }
            for (int i = 0; i < members.Count; i++)
            {
                if (i > 0)
                    w.Line();
                w.Line($"/// <summary>{members[i].Summary}</summary>");
                w.Line($"public static {Runtime}.FitMonitor {members[i].Name} {{ get; }} = {members[i].Value};");
            }
        }
    }
}
