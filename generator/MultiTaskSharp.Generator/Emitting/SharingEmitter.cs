using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes what the architecture shares, typed: the shared parameters, each task's own parameters, the shared
/// representation(s) of a batch, and (for mixtures of experts) each task's gate weights. Gradient-based strategies
/// work on exactly these.
/// </summary>
internal static class SharingEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        WriteSharedParameters(w, m);
        WriteTaskParameters(w, m);
        WriteRepresentations(w, m);
        WriteGates(w, m);
    }

    private static void WriteSharedParameters(CodeWriter w, ModelSpec m)
    {
        var shared = m.Layout.Owners.Where(o => o.Task is null).ToList();
        w.Line("/// <summary>");
        w.Line(shared.Count == 0
            ? "/// The parameters the tasks share: none (each parameter trains with one task only)."
            : $"/// The parameters the losses of several tasks depend on ({string.Join(", ", shared.Select(o => $"<c>{Describe(o)}</c>"))}): a");
        if (shared.Count > 0)
            w.Line("/// gradient-based strategy balances the tasks' gradients on them.");
        w.Line("/// </summary>");
        w.Line($"public {ReadOnlyList}<{Parameter}> SharedParameters() => {Collect(shared)};");
        w.Line();
    }

    private static void WriteTaskParameters(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Each task's own parameters: only its loss trains them.</summary>");
        w.Line("public TaskParameters TaskSpecificParameters() => new(");
        w.Indent();
        for (int i = 0; i < m.Tasks.Count; i++)
        {
            var own = m.Layout.Owners.Where(o => o.Task == m.Tasks[i].Name).ToList();
            w.Line($"{m.Tasks[i].Name}: {Collect(own)}{(i < m.Tasks.Count - 1 ? "," : ");")}");
        }
        w.Outdent();
        w.Line();
    }

    private static void WriteRepresentations(CodeWriter w, ModelSpec m)
    {
        var shared = m.Graph.Stages.Where(s => s.Shared).ToList();
        if (shared.Count == 0 || m.Layout.RepresentationProblem is not null)
            return;
        string parameter = m.HasNamedInputs ? "Inputs inputs" : $"{Tensor} input";
        w.Line("/// <summary>The shared representation(s) of a batch: where the tasks' own layers begin (computed with gradients).</summary>");
        using (w.Block($"public Representations Represent({parameter})"))
        {
            w.Line($"var capture = {Generated}.RepresentationCapture.Create();");
            w.Line($"_ = Forward({(m.HasNamedInputs ? "inputs" : "input")}, capture);");
            w.Line($"return new Representations({string.Join(", ", shared.Select((s, i) => $"capture.Shared[{i}]"))});");
        }
        w.Line();
    }

    private static void WriteGates(CodeWriter w, ModelSpec m)
    {
        if (m.ExpertLevels.Count == 0)
            return;
        int last = m.ExpertLevels.Count - 1;
        string parameter = m.HasNamedInputs ? "Inputs inputs" : $"{Tensor} input";
        w.Line("/// <summary>");
        w.Line($"/// Each task's gate weights over the experts {(m.ExpertLevels.Count > 1 ? "of the last level " : "")}for a batch, [N, E], in inference mode and without gradients;");
        w.Line("/// <c>.mean(0)</c> of one gives the task's average use of each expert.");
        w.Line("/// </summary>");
        using (w.Block($"public GateWeights Gates({parameter})"))
        {
            w.Line($"global::System.ArgumentNullException.ThrowIfNull({(m.HasNamedInputs ? "inputs" : "input")});");
            w.Line("bool wasTraining = training;");
            w.Line("train(false);");
            using (w.Block("try"))
            {
                w.Line($"using var noGrad = {Torch}.no_grad();");
                // The last level's gates read that level's input: its experts and mixtures are not needed.
                bool Needed(Stage s) => s.Kind is StageKind.Input or StageKind.Stem or StageKind.Gate
                    || (s.Kind is StageKind.Experts or StageKind.Mixture && s.Module!.Level < last);
                if (m.Graph.Stages.Any(s => Needed(s) && s.Shared))
                    w.Line("var capture = " + Generated + ".RepresentationCapture.None;");
                ForwardEmitter.WriteStages(w, m, Needed);
                var gates = m.Tasks.Select(t => m.Graph.Stages.Last(s => s.Kind == StageKind.Gate && s.Task == t.Name).Value);
                w.Line($"return new GateWeights({string.Join(", ", gates)});");
            }
            using (w.Block("finally"))
                w.Line("train(wasTraining);");
        }
        w.Line();
    }

    private static string Collect(List<ParameterOwner> owners)
    {
        var modules = owners.Where(o => !o.IsParameter).Select(o => o.Expression).ToList();
        var parameters = owners.Where(o => o.IsParameter).Select(o => o.Expression).ToList();
        return parameters.Count == 0
            ? $"{Generated}.ParameterGroups.Of([{string.Join(", ", modules)}])"
            : $"{Generated}.ParameterGroups.Of([{string.Join(", ", modules)}], [{string.Join(", ", parameters)}])";
    }

    private static string Describe(ParameterOwner owner) => owner.Expression.StartsWith("this.", System.StringComparison.Ordinal)
        ? owner.Expression.Substring(5).Replace("_", "").Replace("\"", "")
        : owner.Expression;
}
