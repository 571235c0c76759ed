using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Planning;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the forward pass by walking the architecture graph: one statement per stage, in the graph's order. The
/// public <c>forward</c> runs it plainly; the training step runs it with a capture at the shared representation.
/// </summary>
internal static class ForwardEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        string parameter = m.HasNamedInputs ? "Inputs inputs" : $"{Tensor} input";
        string argument = m.HasNamedInputs ? "inputs" : "input";
        w.Line($"/// <summary>{Summary(m)}</summary>");
        w.Line($"public override Outputs forward({parameter}) => Forward({argument}, {Generated}.RepresentationCapture.None);");
        w.Line();
        w.Line("/// <summary>The forward pass; <paramref name=\"capture\"/> marks the shared representation for representation gradients.</summary>");
        using (w.Block($"private Outputs Forward({parameter}, {Generated}.RepresentationCapture capture)"))
        {
            w.Line($"global::System.ArgumentNullException.ThrowIfNull({argument});");
            var nullable = WriteStages(w, m, _ => true);
            w.Line("return new Outputs(");
            w.Indent();
            for (int i = 0; i < m.Tasks.Count; i++)
                w.Line($"{m.Tasks[i].Name}: {m.Graph.Outputs[i]}{(i < m.Tasks.Count - 1 ? "," : ");")}");
            w.Outdent();
        }
        w.Line();
    }

    /// <summary>Writes the stages <paramref name="include"/> accepts; returns the values that may be null (absent inputs).</summary>
    public static HashSet<string> WriteStages(CodeWriter w, ModelSpec m, Func<Stage, bool> include)
    {
        var nullable = new HashSet<string>(StringComparer.Ordinal);
        string? section = null;
        foreach (var stage in m.Graph.Stages)
        {
            if (!include(stage))
                continue;
            var comment = SectionComment(m, stage);
            if (comment is not null && comment != section)
            {
                w.Line("// " + comment);
                section = comment;
            }
            if (stage.Kind == StageKind.Input)
            {
                WriteInput(w, m, stage, nullable);
                continue;
            }
            var absent = stage.Args.Where(nullable.Contains).Distinct().ToList();
            string guard = absent.Count == 0 ? "" : string.Join(" || ", absent.Select(a => a + " is null")) + " ? null : ";
            if (stage.Kind == StageKind.CrossStitch)
            {
                w.Line($"var {stage.Values[0]} = {SharingAnalysis.CrossStitchExpression(stage.Index)}.call([{string.Join(", ", stage.Args)}]);");
                for (int i = 1; i < stage.Values.Count; i++)
                    w.Line($"var {stage.Values[i]} = {stage.Values[0]}[{i - 1}];");
                continue;
            }
            var expression = Expression(m, stage);
            if (stage.Shared)
                expression = $"capture.Share({expression})";
            w.Line($"var {stage.Value} = {guard}{expression};");
            if (absent.Count > 0)
                nullable.Add(stage.Value);
        }
        return nullable;
    }

    private static void WriteInput(CodeWriter w, ModelSpec m, Stage stage, HashSet<string> nullable)
    {
        var input = m.Inputs.First(i => i.Name == stage.Input);
        string shape = Shape(input.Shape);
        if (!m.HasNamedInputs)
        {
            w.Line($"input = {Generated}.ModelInputs.Prepare(this, {Literal(input.Name)}, \"input\", input, {shape});");
            return;
        }
        string prepare = input.MayBeAbsent ? "PrepareOptional" : "Prepare";
        w.Line($"var {stage.Value} = {Generated}.ModelInputs.{prepare}(this, {Literal(input.Name)}, {Literal("Inputs." + input.Name)}, inputs.{input.Name}, {shape});");
        if (input.MayBeAbsent)
            nullable.Add(stage.Value);
    }

    private static string Expression(ModelSpec m, Stage stage) => stage.Kind switch
    {
        StageKind.Stem or StageKind.Trunk or StageKind.Tower or StageKind.Head => Call(stage.Component!, stage.Args[0]),
        StageKind.TowerStage => $"this.{stage.Component!.MemberName}[{stage.Index}].call({stage.Args[0]})",
        StageKind.Experts => $"{Generated}.MixtureOfExperts.Run({SharingAnalysis.ModuleExpression(stage.Kind, stage.Module!, m.ExpertLevels.Count)}, {stage.Args[0]})",
        StageKind.Gate => $"{Generated}.MixtureOfExperts.Weights({SharingAnalysis.ModuleExpression(stage.Kind, stage.Module!, m.ExpertLevels.Count)}, {stage.Args[0]})",
        StageKind.Mixture => $"{Generated}.MixtureOfExperts.Mix({string.Join(", ", stage.Args)})",
        StageKind.Concat => $"{Torch}.cat([{string.Join(", ", stage.Args.Select((a, i) => stage.IsDetached(i) ? a + ".detach()" : a))}], 1)",
        _ => throw new InvalidOperationException("No expression for " + stage.Kind),
    };

    /// <summary>A comment at the start of each group of stages, so the pass reads like the architecture's diagram.</summary>
    private static string? SectionComment(ModelSpec m, Stage stage) => stage.Kind switch
    {
        StageKind.Input => m.Inputs.All(i => i.Shape.Count == 0)
            ? (m.HasNamedInputs ? "Inputs, checked and converted to the parameters' precision." : "The input, checked and converted to the parameters' precision.")
            : (m.HasNamedInputs ? "Inputs, checked against their declared shapes." : "The input, checked against its declared shape."),
        StageKind.Stem => "Each input through its own stem.",
        StageKind.Trunk => "The shared trunk (hard sharing), once per input: the shared representation.",
        StageKind.Experts or StageKind.Gate or StageKind.Mixture => m.ExpertLevels.Count > 1
            ? $"Extraction level {stage.Module?.Level ?? 0}: experts, and each task's gate mixing them."
            : "Experts, and each task's gate mixing them.",
        StageKind.TowerStage or StageKind.CrossStitch => "Task columns, cross-stitched between stages.",
        StageKind.Tower or StageKind.Concat or StageKind.Head => m.Tasks.Any(t => t.HeadInputs.Count + t.TowerInputs.Count > 0)
            ? "Each task's own layers, ordered so that every task-to-task connection reads a value already computed."
            : "Each task's own layers.",
        _ => null,
    };

    private static string Summary(ModelSpec m) => m.SharingKind switch
    {
        SharingKind.Trunk => m.Inputs.Count > 1
            ? "Runs each input through its stem and the shared trunk once, then every task's layers on its input's features."
            : "Runs the shared trunk once, then every task's layers on its output.",
        SharingKind.Experts => "Runs the experts once per level, mixes them for each task with its gate, then every task's layers.",
        _ => m.CrossStitch is null ? "Runs every task's own layers on its input." : "Runs the task columns stage by stage, mixing them with cross-stitch units, then every task's head.",
    };
}
