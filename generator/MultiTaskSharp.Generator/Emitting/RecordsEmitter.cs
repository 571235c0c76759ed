using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the typed records of a model, each with one property per task (or input, or penalty) named after it:
/// inputs (when several), outputs, targets, batch, losses, loss values, metrics, parameters, representations, gate
/// weights and predictions. Records holding tensors compare by reference: tensors have no cheap value equality.
/// </summary>
internal static class RecordsEmitter
{
    /// <summary>A member of a batch-like record: the task or input it belongs to, its name, and whether it may be null.</summary>
    private sealed record Member(string Owner, string Name, bool Optional, bool IsInput = false);

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
            WriteTaskParameters(writer, model);
            WriteRepresentations(writer, model);
            WriteGateWeights(writer, model);
            WritePredictions(writer, model);
            writer.Line();
            MonitorsEmitter.Write(writer, model);
        }
    });

    private static void WriteInputs(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The model's inputs, one tensor per named input; the first dimension indexes examples.</summary>");
        foreach (var input in m.Inputs)
            w.Line($"/// <param name=\"{input.Name}\">Input {input.Name}{ShapeNote(input.Shape)}{(input.MayBeAbsent ? "; null in a batch that labels none of its tasks" : "")}.</param>");
        WriteBatchRecord(w, "Inputs", m.Inputs.Select(i => new Member(i.Name, i.Name, i.MayBeAbsent, IsInput: true)).ToList(), masks: new List<string>());
        w.Line();
    }

    private static void WriteOutputs(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>What each task's head predicts for a batch.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {PredictionNote(task)}{(OutputOptional(m, task) ? "; null when the batch lacks its input" : "")}.</param>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record Outputs({string.Join(", ", m.Tasks.Select(t => $"{Tensor}{(OutputOptional(m, t) ? "?" : "")} {t.Name}"))})");
        using (w.Block(""))
            WriteReferenceEquality(w, "Outputs");
        w.Line();
    }

    private static void WriteTargets(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The targets of every task for a batch; the first dimension indexes examples.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {TargetNote(task)}.</param>");
        var masks = m.Tasks.Where(t => t.AllowMissing).Select(t => t.Name).ToList();
        WriteBatchRecord(w, "Targets", m.Tasks.Select(t => new Member(t.Name, t.Name, t.AllowMissing)).ToList(), masks);
        w.Line();
    }

    /// <summary>A record of tensors that share the example dimension, implementing IBatch without reflection.</summary>
    private static void WriteBatchRecord(CodeWriter w, string record, List<Member> members, List<string> masks)
    {
        w.Line(GeneratedCode);
        w.Line($"public sealed record {record}({string.Join(", ", members.Select(x => $"{Tensor}{(x.Optional ? "?" : "")} {x.Name}"))}) : {Runtime}.IBatch<{record}>");
        using (w.Block(""))
        {
            foreach (var mask in masks)
            {
                w.Line($"/// <summary>Which entries of <see cref=\"{mask}\"/> are present (boolean, broadcastable to it); null: as the target's own markers say.</summary>");
                w.Line($"public {Tensor}? {mask}Mask {{ get; init; }}");
                w.Line();
            }
            var all = members.Select(x => (x.Owner, Name: x.Name, x.Optional, x.IsInput))
                .Concat(masks.Select(mask => (Owner: mask, Name: mask + "Mask", Optional: true, IsInput: false))).ToList();
            // Explicit implementations keep Count out of the record's ToString (it validates, and may throw).
            w.Line($"long {Runtime}.IBatch<{record}>.Count => {Generated}.BatchMembers.CommonCount(");
            w.Indent();
            for (int i = 0; i < all.Count; i++)
                w.Line($"{Generated}.BatchMembers.Of{(all[i].Optional ? "Optional" : "")}({Literal(all[i].Owner)}, {Literal(record + "." + all[i].Name)}, {all[i].Name}{Kind(all[i].IsInput)}){Separator(i, all.Count)}");
            w.Outdent();
            w.Line();
            WriteTransform(w, record, members, masks, "Index", $"{Tensor} indices", "indices");
            w.Line();
            WriteTransform(w, record, members, masks, "To", $"{Device} device", "device");
        }
    }

    private static void WriteTransform(CodeWriter w, string record, List<Member> members, List<string> masks, string method, string parameter, string argument)
    {
        string call(string owner, string name, bool optional, bool input)
            => $"{Generated}.BatchMembers.{method}{(optional ? "Optional" : "")}({Literal(owner)}, {Literal(record + "." + name)}, {name}, {argument}{Kind(input)})";
        w.Line($"{record} {Runtime}.IBatch<{record}>.{method}({parameter}) => new(");
        w.Indent();
        for (int i = 0; i < members.Count; i++)
        {
            bool last = i == members.Count - 1;
            w.Line(call(members[i].Owner, members[i].Name, members[i].Optional, members[i].IsInput) + (!last ? "," : masks.Count > 0 ? ")" : ");"));
        }
        w.Outdent();
        if (masks.Count == 0)
            return;
        w.Line("{");
        w.Indent();
        foreach (var mask in masks)
            w.Line($"{mask}Mask = {call(mask, mask + "Mask", true, false)},");
        w.Outdent();
        w.Line("};");
    }

    private static string Kind(bool input) => input ? ", isInput: true" : "";

    private static void WriteBatch(CodeWriter w, ModelSpec m)
    {
        var input = InputType(m);
        // The name errors use for the input member: the Inputs record, or the single input tensor.
        var inputOwner = Literal(m.HasNamedInputs ? "Inputs" : m.Inputs[0].Name);
        string inputKind = m.HasNamedInputs ? "" : ", isInput: true";
        w.Line("/// <summary>A batch of examples: the model's input and every task's target.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record Batch({input} Input, Targets Targets) : {Runtime}.IBatch<Batch>, {BatchColumnsEmitter.Interface}");
        using (w.Block(""))
        {
            BatchColumnsEmitter.Write(w, m);
            w.Line();
            w.Line($"long {Runtime}.IBatch<Batch>.Count => {Generated}.BatchMembers.CommonCount(");
            w.Indent();
            w.Line($"{Generated}.BatchMembers.Of({inputOwner}, \"Batch.Input\", Input{inputKind}),");
            w.Line($"{Generated}.BatchMembers.Of(\"Targets\", \"Batch.Targets\", Targets));");
            w.Outdent();
            w.Line();
            w.Line($"Batch {Runtime}.IBatch<Batch>.Index({Tensor} indices) => new(");
            w.Line($"    {Generated}.BatchMembers.Index({inputOwner}, \"Batch.Input\", Input, indices{inputKind}),");
            w.Line($"    {Generated}.BatchMembers.Index(\"Targets\", \"Batch.Targets\", Targets, indices));");
            w.Line();
            w.Line($"Batch {Runtime}.IBatch<Batch>.To({Device} device) => new(");
            w.Line($"    {Generated}.BatchMembers.To({inputOwner}, \"Batch.Input\", Input, device{inputKind}),");
            w.Line($"    {Generated}.BatchMembers.To(\"Targets\", \"Batch.Targets\", Targets, device));");
        }
        w.Line();
    }

    private static void WriteLosses(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The losses of one forward pass, as tensors that can be differentiated.</summary>");
        w.Line("/// <param name=\"Total\">The total loss: the tasks as the model's loss weighting combines them, plus any penalties.</param>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: its loss before and after weighting.</param>");
        foreach (var penalty in m.SoftSharing)
            w.Line($"/// <param name=\"{penalty.Name}\">Soft-sharing penalty {penalty.Name} ({penalty.Penalty}), before and after its weight λ = {Literal(penalty.Weight)}.</param>");
        var parameters = new[] { $"{Tensor} Total" }
            .Concat(m.Tasks.Select(t => $"{Runtime}.TaskLoss {t.Name}"))
            .Concat(m.SoftSharing.Select(p => $"{Runtime}.TaskLoss {p.Name}"));
        w.Line(GeneratedCode);
        w.Line($"public sealed record Losses({string.Join(", ", parameters)})");
        using (w.Block(""))
        {
            var unweighted = new[] { "Total" }.Concat(m.Tasks.Select(t => t.Name + ".Unweighted")).Concat(m.SoftSharing.Select(p => p.Name + ".Unweighted"));
            w.Line("/// <summary>The total, the unweighted task losses and the penalties as plain numbers (one copy from the device).</summary>");
            w.Line($"public LossValues ToValues() => LossValues.FromVector({Generated}.LossReadout.Read([{string.Join(", ", unweighted)}]));");
            w.Line();
            WriteReferenceEquality(w, "Losses");
        }
        w.Line();
    }

    private static void WriteLossValues(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The total loss, every task's unweighted loss and every penalty, as numbers.</summary>");
        w.Line("/// <param name=\"Total\">The total (weighted) loss.</param>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: its unweighted loss.</param>");
        foreach (var penalty in m.SoftSharing)
            w.Line($"/// <param name=\"{penalty.Name}\">Soft-sharing penalty {penalty.Name}, unweighted.</param>");
        var names = m.Tasks.Select(t => t.Name).Concat(m.SoftSharing.Select(p => p.Name)).ToList();
        var parameters = new[] { "double Total" }.Concat(names.Select(n => "double " + n));
        w.Line(GeneratedCode);
        w.Line($"public sealed record LossValues({string.Join(", ", parameters)}) : {Runtime}.ILossValues<LossValues>");
        using (w.Block(""))
        {
            w.Line($"static {ReadOnlyList}<string> {Runtime}.ILossValues<LossValues>.TaskNames => {QualifiedClassName(m)}.TaskNames;");
            w.Line();
            w.Line($"static {ReadOnlyList}<string> {Runtime}.ILossValues<LossValues>.PenaltyNames {{ get; }} = [{string.Join(", ", m.SoftSharing.Select(p => Literal(p.Name)))}];");
            w.Line();
            w.Line("/// <summary>The unweighted loss of the task at <paramref name=\"task\"/> in declaration order.</summary>");
            using (w.Block("public double this[int task] => task switch", "};"))
            {
                for (int i = 0; i < m.Tasks.Count; i++)
                    w.Line($"{i} => this.{m.Tasks[i].Name},"); // this.: a task named "task" is not the parameter
                w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(task), task, \"No task has this index.\"),");
            }
            w.Line();
            w.Line("/// <summary>The values from <c>[Total, tasks…, penalties…]</c>.</summary>");
            using (w.Block("public static LossValues FromVector(global::System.ReadOnlySpan<double> values)"))
            {
                w.Line($"{Generated}.LossReadout.CheckCount(values, {names.Count + 1});");
                w.Line($"return new LossValues({string.Join(", ", Enumerable.Range(0, names.Count + 1).Select(i => $"values[{i}]"))});");
            }
            w.Line();
            w.Line("/// <summary>The values as <c>[Total, tasks…, penalties…]</c>.</summary>");
            w.Line($"public double[] ToVector() => [Total, {string.Join(", ", names.Select(n => "this." + n))}];");
        }
        w.Line();
    }

    private static void WriteMetrics(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Every task's evaluation: mean loss and the metrics its head declares.</summary>");
        foreach (var task in m.Tasks)
            w.Line($"/// <param name=\"{task.Name}\">Task {task.Name}: {MetricNote(task)}.</param>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record Metrics({string.Join(", ", m.Tasks.Select(t => $"{Runtime}.TaskMetrics {t.Name}"))}) : {Runtime}.ITaskMetricsSet");
        using (w.Block(""))
            w.Line($"{ReadOnlyList}<{Runtime}.TaskMetrics> {Runtime}.ITaskMetricsSet.Tasks => [{string.Join(", ", m.Tasks.Select(t => t.Name))}];");
        w.Line();
    }

    private static void WriteTaskParameters(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Each task's own parameters (only that task's loss trains them).</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record TaskParameters({string.Join(", ", m.Tasks.Select(t => $"{ReadOnlyList}<{Parameter}> {t.Name}"))})");
        using (w.Block(""))
            WriteReferenceEquality(w, "TaskParameters");
        w.Line();
    }

    private static void WriteRepresentations(CodeWriter w, ModelSpec m)
    {
        var shared = m.Graph.Stages.Where(s => s.Shared).ToList();
        if (shared.Count == 0 || m.Layout.RepresentationProblem is not null)
            return;
        w.Line("/// <summary>The shared representation(s) of a batch, where the tasks' own layers begin.</summary>");
        foreach (var stage in shared)
            w.Line($"/// <param name=\"{Pascal(stage.Value)}\">{RepresentationNote(stage)}.</param>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record Representations({string.Join(", ", shared.Select(s => $"{Tensor} {Pascal(s.Value)}"))})");
        using (w.Block(""))
            WriteReferenceEquality(w, "Representations");
        w.Line();
    }

    private static void WriteGateWeights(CodeWriter w, ModelSpec m)
    {
        if (m.ExpertLevels.Count == 0)
            return;
        w.Line("/// <summary>Each task's gate weights over the experts it mixes, [N, E] (softmax over E).</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record GateWeights({string.Join(", ", m.Tasks.Select(t => $"{Tensor} {t.Name}"))})");
        using (w.Block(""))
            WriteReferenceEquality(w, "GateWeights");
        w.Line();
    }

    private static void WritePredictions(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Every task's decoded prediction for a batch.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record Predictions({string.Join(", ", m.Tasks.Select(t => $"{PredictionEmitter.Type(t.Output)}{(OutputOptional(m, t) ? "?" : "")} {t.Name}"))})");
        using (w.Block(""))
            WriteReferenceEquality(w, "Predictions");
    }

    private static void WriteReferenceEquality(CodeWriter w, string record)
    {
        w.Line("/// <summary>Reference equality: comparing tensors element by element is neither cheap nor consistent with hashing.</summary>");
        w.Line($"public bool Equals({record}? other) => ReferenceEquals(this, other);");
        w.Line();
        w.Line("/// <summary>The identity hash, consistent with <see cref=\"Equals(" + record + "?)\"/>.</summary>");
        w.Line("public override int GetHashCode() => global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);");
    }

    private static bool OutputOptional(ModelSpec m, TaskSpec task) => m.Inputs.Any(i => i.Name == task.Input && i.MayBeAbsent);

    private static string Separator(int index, int count) => index < count - 1 ? "," : ");";

    private static string ShapeNote(EquatableArray<int> shape)
        => shape.Count == 0 ? string.Empty : ", each example of shape [" + string.Join(", ", shape) + "]";

    private static string RepresentationNote(Stage stage) => stage.Kind switch
    {
        StageKind.Trunk => stage.Input is { } input ? $"The trunk's output for input {input}" : "The trunk's output",
        StageKind.Experts => "The shared experts' outputs, stacked along dimension 1",
        _ => $"Input {stage.Input} after the stem every task reads",
    };

    private static string PredictionNote(TaskSpec task) => task.Output switch
    {
        OutputKind.Classes => "class logits [N, C]",
        OutputKind.Pixels => "per-pixel class logits [N, C, H, W]",
        OutputKind.MultiLabel => "per-label logits [N, K]",
        _ => task.LossMethod is not null ? $"the head's output (loss: {task.LossMethod})" : "regression values",
    };

    private static string TargetNote(TaskSpec task)
    {
        string note = task.LossMethod is not null
            ? $"whatever {task.LossMethod} expects"
            : task.Loss switch
            {
                LossKind.CrossEntropy => "class indices [N], int64",
                LossKind.PixelCrossEntropy => "per-pixel class indices [N, H, W], int64",
                LossKind.BinaryCrossEntropyWithLogits => "0/1 labels [N, K], floating point",
                _ => "values of the prediction's shape, floating point (" + task.Loss + ")",
            };
        if (!task.AllowMissing)
            return note;
        return note + "; may be missing: null for the whole batch, "
            + (task.Loss is LossKind.CrossEntropy or LossKind.PixelCrossEntropy && task.LossMethod is null ? "a negative index" : "NaN")
            + " per entry, or the mask";
    }

    private static string MetricNote(TaskSpec task)
        => task.Metrics == MetricKind.None ? "loss" : "loss, " + task.Metrics.ToString();
}
