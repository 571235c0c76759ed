using System.Linq;
using MultiTaskSharp.Generator.Model;
using MultiTaskSharp.Generator.Planning;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes <c>IDescribesInference.DescribeInference</c>: the forward pass of <see cref="ForwardEmitter"/>, stage by
/// stage over the same graph and locals, told to an <c>IInferenceGraph</c> instead of run, so an exporter can map it
/// to another format (ONNX) without reflection or guessing at the topology. Inference only: no capture, no absent inputs.
/// </summary>
internal static class InferenceEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Describes the eval-mode forward pass to an exporter, stage by stage (see <see cref=\"forward\"/>).</summary>");
        using (w.Block($"void {Generated}.IDescribesInference.DescribeInference({Generated}.IInferenceGraph graph)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(graph);");
            foreach (var stage in m.Graph.Stages)
                WriteStage(w, m, stage);
            for (int i = 0; i < m.Tasks.Count; i++)
                w.Line($"graph.Output({Literal(m.Tasks[i].Name)}, {m.Graph.Outputs[i]}, {Runtime}.OutputKind.{m.Tasks[i].Output});");
        }
        w.Line();
    }

    private static void WriteStage(CodeWriter w, ModelSpec m, Stage stage)
    {
        switch (stage.Kind)
        {
            case StageKind.Input:
                var input = m.Inputs.First(i => i.Name == stage.Input);
                w.Line($"var {stage.Value} = graph.Input({Literal(input.Name)}, {Shape(input.Shape)});");
                return;
            case StageKind.CrossStitch:
                w.Line($"var {stage.Values[0]} = graph.CrossStitch({SharingAnalysis.CrossStitchExpression(stage.Index)}, [{string.Join(", ", stage.Args)}]);");
                for (int i = 1; i < stage.Values.Count; i++)
                    w.Line($"var {stage.Values[i]} = {stage.Values[0]}[{i - 1}];");
                return;
            default:
                w.Line($"var {stage.Value} = {Expression(m, stage)};");
                return;
        }
    }

    private static string Expression(ModelSpec m, Stage stage) => stage.Kind switch
    {
        StageKind.Stem or StageKind.Trunk or StageKind.Tower or StageKind.Head => Call(stage, stage.Component!, stage.Args[0]),
        StageKind.TowerStage => $"graph.Module(this.{stage.Component!.MemberName}[{stage.Index}], {stage.Args[0]})",
        StageKind.Experts => $"graph.Experts({SharingAnalysis.ModuleExpression(stage.Kind, stage.Module!, m.ExpertLevels.Count)}, {stage.Args[0]})",
        StageKind.Gate => $"graph.Gate({SharingAnalysis.ModuleExpression(stage.Kind, stage.Module!, m.ExpertLevels.Count)}, {stage.Args[0]})",
        StageKind.Mixture => $"graph.Mix({stage.Args[0]}, [{string.Join(", ", stage.Args.Skip(1))}])",
        // A detached read is the same value at inference.
        StageKind.Concat => $"graph.Concat([{string.Join(", ", stage.Args)}])",
        _ => throw new System.InvalidOperationException("No inference description for " + stage.Kind),
    };

    private static string Call(Stage stage, ComponentRef component, string argument) => component.Kind switch
    {
        ComponentKind.Method => $"graph.Method({Literal(component.MemberName)}, {Literal(Role(stage.Kind))}, {argument})",
        ComponentKind.Recurrent => $"graph.Recurrent(this.{component.MemberName}, {argument}, {Runtime}.RecurrentOutput.{component.Recurrent!.Passes}, "
            + $"batchFirst: {Literal(component.Recurrent.BatchFirst)}, bidirectional: {Literal(component.Recurrent.Bidirectional)})",
        _ => $"graph.Module(this.{component.MemberName}, {argument})",
    };

    private static string Role(StageKind kind) => kind switch
    {
        StageKind.Stem => "stem",
        StageKind.Trunk => "trunk",
        StageKind.Tower => "tower",
        _ => "head",
    };
}
