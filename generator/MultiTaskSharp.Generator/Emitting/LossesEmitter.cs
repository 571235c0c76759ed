using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>Writes the loss side: every task's loss with its checks, the penalties, and the typed <c>ComputeLosses</c>.</summary>
internal static class LossesEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        WriteComputeLosses(w, m);
        WriteTaskLosses(w, m);
        WritePenalties(w, m);
    }

    private static void WriteComputeLosses(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// Every task's unweighted loss against its target, and the total as <see cref=\"LossWeighting\"/> combines them"
            + (m.SoftSharing.Count > 0 ? " plus the soft-sharing penalties." : "."));
        w.Line($"/// Throws <see cref=\"{Runtime}.TaskDataException\"/> naming the task when a target is missing or does not fit.");
        w.Line("/// </summary>");
        using (w.Block("public Losses ComputeLosses(Outputs outputs, Targets targets)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(outputs);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(targets);");
            w.Line("var tasks = EvaluateTaskLosses(outputs, targets);");
            w.Line($"var combined = LossWeighting.Combine([{string.Join(", ", m.Tasks.Select((_, i) => $"tasks[{i}].Loss"))}]);");
            string total = "combined.Total";
            if (m.SoftSharing.Count > 0)
            {
                w.Line("var penalties = EvaluatePenalties();");
                total += string.Concat(m.SoftSharing.Select((_, i) => $" + penalties[{i}].Weight * penalties[{i}].Value"));
            }
            w.Line("return new Losses(");
            w.Indent();
            var lines = new System.Collections.Generic.List<string> { $"Total: {total}" };
            lines.AddRange(m.Tasks.Select((t, i) => $"{t.Name}: new {Runtime}.TaskLoss(tasks[{i}].Loss, combined.Terms[{i}])"));
            lines.AddRange(m.SoftSharing.Select((p, i) => $"{p.Name}: new {Runtime}.TaskLoss(penalties[{i}].Value, penalties[{i}].Weight * penalties[{i}].Value)"));
            for (int i = 0; i < lines.Count; i++)
                w.Line(lines[i] + (i < lines.Count - 1 ? "," : ");"));
            w.Outdent();
        }
        w.Line();
    }

    private static void WriteTaskLosses(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Every task's loss with what the training step checks (label range, present entries), in task order.</summary>");
        w.Line($"private {Generated}.TaskLossResult[] EvaluateTaskLosses(Outputs outputs, Targets targets) =>");
        w.Line("[");
        w.Indent();
        foreach (var task in m.Tasks)
            w.Line(TaskLoss(task) + ",");
        w.Outdent();
        w.Line("];");
        w.Line();
    }

    private static void WritePenalties(CodeWriter w, ModelSpec m)
    {
        if (m.SoftSharing.Count == 0)
            return;
        w.Line("/// <summary>The soft-sharing penalties (unweighted) and their weights λ.</summary>");
        w.Line($"private {Generated}.PenaltyTerm[] EvaluatePenalties() =>");
        w.Line("[");
        w.Indent();
        foreach (var penalty in m.SoftSharing)
        {
            var towers = string.Join(", ", penalty.Tasks.Select(t => "this." + m.Task(t).Tower!.MemberName));
            w.Line($"new({Literal(penalty.Name)}, {Generated}.SoftSharingPenalty.Compute({Runtime}.SharingPenalty.{penalty.Penalty}, {Literal(penalty.Name)}, {towers}), {Literal(penalty.Weight)}),");
        }
        w.Outdent();
        w.Line("];");
        w.Line();
    }

    /// <summary>One task's loss expression.</summary>
    public static string TaskLoss(TaskSpec task)
    {
        string spec = $"new({Literal(task.Name)}, {Literal("Targets." + task.Name)}, {Runtime}.LossKind.{task.Loss}{(task.AllowMissing ? ", AllowMissing: true" : "")})";
        if (task.LossMethod is not null)
            return $"{Generated}.TaskLosses.Custom({spec}, {Literal(task.LossMethod)}, outputs.{task.Name}, targets.{task.Name}, this.{task.LossMethod})";
        string mask = task.AllowMissing ? $"targets.{task.Name}Mask" : "null";
        return $"{Generated}.TaskLosses.Evaluate({spec}, outputs.{task.Name}, targets.{task.Name}, {mask})";
    }
}
