using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the typed records of a model: inputs (when several), outputs, targets, batch, losses,
/// loss values and metrics, each with one property per task (or input) named after it.
/// </summary>
internal static class RecordsEmitter
{
    public static string Emit(ModelSpec model) => SourceFile.Write(model, writer =>
    {
        using (writer.Block("partial class " + model.ClassName))
        {
            if (model.HasNamedInputs)
                WriteInputs(writer, model);
            WriteOutputs(writer, model);
            WriteTargets(writer, model);
            WriteBatch(writer, model);
            WriteLosses(writer, model);
            WriteLossValues(writer, model);
            WriteMetrics(writer, model);
        }
    });

    private static void WriteInputs(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The model's inputs, one tensor per named input; the first dimension indexes examples.</summary>");
        foreach (var input in m.Inputs)
            w.Line($"/// <param name=\"{input.Name}\">Input {input.Name}{ShapeNote(input.Shape)}.</param>");
        var members = m.Inputs.Select(i => (Task: i.Name, Name: i.Name)).ToList();
        WriteBatchRecord(w, "Inputs", members);
        w.Line();
    }

    private static void WriteOutputs(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>What each task's head predicts for a batch.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {PredictionNote(task)}.</param>");
        w.Line($"public sealed record Outputs({Parameters(m.Tasks.Select(t => t.Name))});");
        w.Line();
    }

    private static void WriteTargets(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The targets of every task for a batch; the first dimension indexes examples.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {TargetNote(task)}.</param>");
        WriteBatchRecord(w, "Targets", m.Tasks.Select(t => (Task: t.Name, Name: t.Name)).ToList());
        w.Line();
    }

    /// <summary>A record of tensors that share the example dimension, implementing IBatch without reflection.</summary>
    private static void WriteBatchRecord(CodeWriter w, string record, List<(string Task, string Name)> members)
    {
        w.Line($"public sealed record {record}({Parameters(members.Select(x => x.Name))}) : {Runtime}.IBatch<{record}>");
        using (w.Block(""))
        {
            // Explicit implementations keep Count out of the record's ToString (it validates, and may throw).
            w.Line($"long {Runtime}.IBatch<{record}>.Count => {Runtime}.BatchMembers.CommonCount(");
            w.Indent();
            for (int i = 0; i < members.Count; i++)
            {
                var (task, name) = members[i];
                w.Line($"{Runtime}.BatchMembers.Of({Literal(task)}, {Literal(record + "." + name)}, {name}){Separator(i, members.Count)}");
            }
            w.Outdent();
            w.Line();
            w.Line($"{record} {Runtime}.IBatch<{record}>.Index({Tensor} indices) => new(");
            w.Indent();
            for (int i = 0; i < members.Count; i++)
                w.Line($"{Runtime}.BatchMembers.Index({Literal(members[i].Task)}, {Literal(record + "." + members[i].Name)}, {members[i].Name}, indices){Separator(i, members.Count)}");
            w.Outdent();
            w.Line();
            w.Line($"{record} {Runtime}.IBatch<{record}>.To({Device} device) => new(");
            w.Indent();
            for (int i = 0; i < members.Count; i++)
                w.Line($"{Runtime}.BatchMembers.To({Literal(members[i].Task)}, {Literal(record + "." + members[i].Name)}, {members[i].Name}, device){Separator(i, members.Count)}");
            w.Outdent();
        }
    }

    private static void WriteBatch(CodeWriter w, ModelSpec m)
    {
        var input = InputType(m);
        // The name errors use for the input member: the Inputs record, or the single input tensor.
        var inputOwner = Literal(m.HasNamedInputs ? "Inputs" : "Input");
        w.Line("/// <summary>A batch of examples: the model's input and every task's target.</summary>");
        w.Line($"public sealed record Batch({input} Input, Targets Targets) : {Runtime}.IBatch<Batch>");
        using (w.Block(""))
        {
            w.Line($"long {Runtime}.IBatch<Batch>.Count => {Runtime}.BatchMembers.CommonCount(");
            w.Indent();
            w.Line($"{Runtime}.BatchMembers.Of({inputOwner}, \"Batch.Input\", Input),");
            w.Line($"{Runtime}.BatchMembers.Of(\"Targets\", \"Batch.Targets\", Targets));");
            w.Outdent();
            w.Line();
            w.Line($"Batch {Runtime}.IBatch<Batch>.Index({Tensor} indices) => new(");
            w.Line($"    {Runtime}.BatchMembers.Index({inputOwner}, \"Batch.Input\", Input, indices),");
            w.Line($"    {Runtime}.BatchMembers.Index(\"Targets\", \"Batch.Targets\", Targets, indices));");
            w.Line();
            w.Line($"Batch {Runtime}.IBatch<Batch>.To({Device} device) => new(");
            w.Line($"    {Runtime}.BatchMembers.To({inputOwner}, \"Batch.Input\", Input, device),");
            w.Line($"    {Runtime}.BatchMembers.To(\"Targets\", \"Batch.Targets\", Targets, device));");
        }
        w.Line();
    }

    private static void WriteLosses(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The losses of one forward pass, as tensors that can be differentiated.</summary>");
        w.Line("/// <param name=\"Total\">The total loss, as the model's loss weighting combines the tasks.</param>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: its loss before and after weighting.</param>");
        var parameters = new[] { $"{Tensor} Total" }.Concat(m.Tasks.Select(t => $"{Runtime}.TaskLoss {t.Name}"));
        w.Line($"public sealed record Losses({string.Join(", ", parameters)})");
        using (w.Block(""))
        {
            w.Line("/// <summary>The total and the unweighted task losses as plain numbers (one copy from the device).</summary>");
            using (w.Block("public LossValues ToValues()"))
            {
                w.Line($"var values = {Runtime}.LossReadout.Read([Total, {string.Join(", ", m.Tasks.Select(t => t.Name + ".Unweighted"))}]);");
                w.Line($"return new LossValues({string.Join(", ", System.Linq.Enumerable.Range(0, m.Tasks.Count + 1).Select(i => $"values[{i}]"))});");
            }
        }
        w.Line();
    }

    private static void WriteLossValues(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The total loss and every task's unweighted loss, as numbers.</summary>");
        w.Line("/// <param name=\"Total\">The total (weighted) loss.</param>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: its unweighted loss.</param>");
        var parameters = new[] { "double Total" }.Concat(m.Tasks.Select(t => "double " + t.Name));
        w.Line($"public sealed record LossValues({string.Join(", ", parameters)}) : {Runtime}.ILossValues<LossValues>");
        using (w.Block(""))
        {
            w.Line($"static {ReadOnlyList}<string> {Runtime}.ILossValues<LossValues>.TaskNames => {QualifiedClassName(m)}.TaskNames;");
            w.Line();
            w.Line("/// <summary>The unweighted loss of the task at <paramref name=\"task\"/> in declaration order.</summary>");
            using (w.Block("public double this[int task] => task switch", "};"))
            {
                for (int i = 0; i < m.Tasks.Count; i++)
                    w.Line($"{i} => this.{m.Tasks[i].Name},"); // this.: a task named "task" is not the parameter
                w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(task), task, \"No task has this index.\"),");
            }
            w.Line();
            using (w.Block($"static LossValues {Runtime}.ILossValues<LossValues>.Create(double total, global::System.ReadOnlySpan<double> tasks)"))
            {
                w.Line($"{Runtime}.LossReadout.CheckCount(tasks, {m.Tasks.Count});");
                w.Line($"return new LossValues(total, {string.Join(", ", System.Linq.Enumerable.Range(0, m.Tasks.Count).Select(i => $"tasks[{i}]"))});");
            }
        }
        w.Line();
    }

    private static void WriteMetrics(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Every task's evaluation: mean loss and the metrics its head declares.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {MetricNote(task)}.</param>");
        w.Line($"public sealed record Metrics({string.Join(", ", m.Tasks.Select(t => $"{Runtime}.TaskMetrics {t.Name}"))}) : {Runtime}.ITaskMetricsSet");
        using (w.Block(""))
            w.Line($"{ReadOnlyList}<{Runtime}.TaskMetrics> {Runtime}.ITaskMetricsSet.Tasks => [{string.Join(", ", m.Tasks.Select(t => t.Name))}];");
    }

    private static string Parameters(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"{Tensor} {n}"));

    private static string Separator(int index, int count) => index < count - 1 ? "," : ");";

    private static string ShapeNote(EquatableArray<int> shape)
        => shape.Count == 0 ? string.Empty : ", each example of shape [" + string.Join(", ", shape) + "]";

    private static string PredictionNote(TaskSpec task) => task.LossMethod is not null
        ? $"the head's output (loss: {task.LossMethod})"
        : task.Loss switch
        {
            LossKind.CrossEntropy => "class logits [N, C]",
            LossKind.PixelCrossEntropy => "per-pixel class logits [N, C, H, W]",
            LossKind.BinaryCrossEntropyWithLogits => "per-label logits [N, K]",
            _ => "regression values",
        };

    private static string TargetNote(TaskSpec task) => task.LossMethod is not null
        ? $"whatever {task.LossMethod} expects"
        : task.Loss switch
        {
            LossKind.CrossEntropy => "class indices [N], int64",
            LossKind.PixelCrossEntropy => "per-pixel class indices [N, H, W], int64",
            LossKind.BinaryCrossEntropyWithLogits => "0/1 labels [N, K], floating point",
            _ => "values of the prediction's shape, floating point (" + task.Loss + ")",
        };

    private static string MetricNote(TaskSpec task)
        => task.Metrics == MetricKind.None ? "loss" : "loss, " + task.Metrics.ToString();
}
