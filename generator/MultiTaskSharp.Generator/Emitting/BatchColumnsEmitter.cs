using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the members of the <c>Batch</c> record that let a data source build batches from named columns
/// (<c>IColumnBatch</c>): the schema (inputs with their example shapes, tasks with their target kinds and whether
/// labels may be missing) and <c>FromColumns</c>, which assembles the records without reflection.
/// </summary>
internal static class BatchColumnsEmitter
{
    public const string Interface = Runtime + ".IColumnBatch<Batch>";

    public static void Write(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>The model's inputs and tasks as a data source must supply them.</summary>");
        w.Line($"public static {Runtime}.BatchSchema Schema {{ get; }} = new(");
        w.Indent();
        w.Line("[");
        w.Indent();
        foreach (var input in m.Inputs)
            w.Line($"new {Runtime}.InputSchema({Literal(input.Name)}, [{string.Join(", ", input.Shape)}], MayBeAbsent: {Literal(input.MayBeAbsent)}),");
        w.Outdent();
        w.Line("],");
        w.Line("[");
        w.Indent();
        foreach (var task in m.Tasks)
            w.Line($"new {Runtime}.TargetSchema({Literal(task.Name)}, {Runtime}.TargetKind.{Kind(task)}, AllowMissing: {Literal(task.AllowMissing)}),");
        w.Outdent();
        w.Line("]);");
        w.Outdent();
        w.Line();
        w.Line("/// <summary>The batch of named tensors: one per input and one per task (absent where the declaration allows it).</summary>");
        w.Line($"public static Batch FromColumns({Runtime}.BatchColumns columns) => new(");
        w.Indent();
        var inputs = m.HasNamedInputs
            ? $"new {m.ClassName}.Inputs({string.Join(", ", m.Inputs.Select(i => InputCall(i)))})"
            : InputCall(m.Inputs[0]);
        w.Line(inputs + ",");
        w.Line($"new {m.ClassName}.Targets({string.Join(", ", m.Tasks.Select(t => $"columns.{(t.AllowMissing ? "OptionalTarget" : "Target")}({Literal(t.Name)})"))}));");
        w.Outdent();
    }

    private static string InputCall(InputSpec input)
        => $"columns.{(input.MayBeAbsent ? "OptionalInput" : "Input")}({Literal(input.Name)})";

    // Mirrors the target conventions of the runtime's TaskLosses: a custom loss method's target is its own business.
    private static string Kind(TaskSpec task) => task.LossMethod is not null
        ? "Custom"
        : task.Loss switch
        {
            LossKind.CrossEntropy => "ClassIndices",
            LossKind.PixelCrossEntropy => "PixelClassIndices",
            LossKind.BinaryCrossEntropyWithLogits => "MultiLabel",
            _ => "Regression",
        };
}
