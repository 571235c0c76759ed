using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the module half of a model: base types, construction, the forward pass and its description for export, losses, training, evaluation,
/// sharing and prediction. The records it uses are written by <see cref="RecordsEmitter"/>.
/// </summary>
internal static class ModelEmitter
{
    public static string Emit(ModelSpec model) => SourceFile.Write(model, writer => WriteClass(writer, model));

    private static void WriteClass(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line($"/// Multi-task model: {Architecture(m)}; tasks {string.Join(", ", m.Tasks.Select(t => $"{t.Name} (λ = {Literal(t.Weight)})"))}.");
        w.Line("/// </summary>");
        w.Line(GeneratedCode);
        w.Line($"partial class {m.ClassName} : global::TorchSharp.torch.nn.Module<{InputType(m)}, {m.ClassName}.Outputs>,");
        w.Line($"    {Runtime}.IMultiTaskModel<{m.ClassName}.Batch, {m.ClassName}.LossValues, {m.ClassName}.Metrics>,");
        w.Line($"    {Generated}.IDescribesInference");
        using (w.Block(""))
        {
            ConstructionEmitter.WriteFields(w, m);
            ConstructionEmitter.WriteConstructor(w, m);
            ConstructionEmitter.WriteWeighting(w, m);
            ForwardEmitter.Write(w, m);
            InferenceEmitter.Write(w, m);
            LossesEmitter.Write(w, m);
            TrainingEmitter.Write(w, m);
            SharingEmitter.Write(w, m);
            PredictionEmitter.Write(w, m);
        }
    }

    private static string Architecture(ModelSpec m)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (m.SharingKind == SharingKind.Trunk)
            parts.Add($"shared trunk <c>{m.Trunk!.MemberName}</c>");
        else if (m.SharingKind == SharingKind.Experts)
            parts.Add(m.ExpertLevels.Count > 1 ? $"{m.ExpertLevels.Count}-level progressive layered extraction" : m.ExpertLevels[0].PerTask > 0 ? "customized gate control (shared and task experts)" : "multi-gate mixture of experts");
        else
            parts.Add("no shared trunk");
        if (m.CrossStitch is not null)
            parts.Add("cross-stitched task columns");
        else if (m.Tasks.Any(t => t.Tower is not null))
            parts.Add("task towers");
        if (m.SoftSharing.Count > 0)
            parts.Add("soft sharing (" + string.Join(", ", m.SoftSharing.Select(s => s.Name)) + ")");
        if (m.Tasks.Any(t => t.HeadInputs.Count > 0 || t.TowerInputs.Count > 0))
            parts.Add("task-to-task connections");
        return string.Join(", ", parts);
    }
}
