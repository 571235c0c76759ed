using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes, for a project that references MultiTaskSharp.Onnx, a model's typed predictor over ONNX Runtime:
/// <c>Model.Onnx.Load(path)</c> checks an exported file against the declaration (written here as a contract) and
/// returns <c>Model.OnnxPredictor</c>, whose <c>Predict</c> takes and returns plain arrays. Nothing it writes names a
/// TorchSharp type, so it runs in an application that ships no libtorch.
/// </summary>
internal static class OnnxPredictorEmitter
{
    private const string Package = "global::MultiTaskSharp.Onnx";
    private const string SessionOptions = "global::Microsoft.ML.OnnxRuntime.SessionOptions";

    public static string Emit(ModelSpec model) => SourceFile.Write(model, writer =>
    {
        using (writer.Block("partial class " + model.ClassName))
        {
            WriteLoader(writer, model);
            WritePredictor(writer, model);
            WriteRecords(writer, model);
        }
    });

    /// <summary>The name an export records in its <c>multitasksharp.model</c> metadata: the CLR full name (nested types after '+').</summary>
    public static string ModelName(ModelSpec m)
        => (m.Namespace is null ? "" : m.Namespace + ".") + string.Join("", m.ContainingTypes.Select(t => t.Name + "+")) + m.ClassName;

    private static void WriteLoader(CodeWriter w, ModelSpec m)
    {
        w.Line($"/// <summary>Loads ONNX exports of {m.ClassName} (MultiTaskSharp.Export) for inference on ONNX Runtime, without libtorch.</summary>");
        w.Line(GeneratedCode);
        using (w.Block("public static class Onnx"))
        {
            w.Line("/// <summary>What an exported file must contain to be this declaration's: model name, inputs and tasks.</summary>");
            w.Line(NotBrowsable);
            w.Line($"public static readonly {Package}.OnnxModelContract Contract = new(");
            w.Indent();
            w.Line(Literal(ModelName(m)) + ",");
            w.Line("[" + string.Join(", ", m.Inputs.Select(i => $"new {Package}.OnnxInputContract({Literal(i.Name)}, {Shape(i.Shape)})")) + "],");
            w.Line("[" + string.Join(", ", m.Tasks.Select(t => $"new {Package}.OnnxTaskContract({Literal(t.Name)}, {Package}.OnnxTaskKind.{PredictionEmitter.Decoder(t.Output)})")) + "]);");
            w.Outdent();
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// Opens the ONNX file at <paramref name=\"path\"/> and checks that it is an export of {m.ClassName}: its model name,");
            w.Line("/// input names, element types and shapes, and task outputs must be this declaration's.");
            w.Line("/// </summary>");
            w.Line($"/// <exception cref=\"{Package}.OnnxModelMismatchException\">The file is another model's, or of another version of this declaration.</exception>");
            w.Line($"public static OnnxPredictor Load(string path, {SessionOptions}? options = null)");
            w.Line($"    => new OnnxPredictor({Package}.OnnxModelSession.Open(path, Contract, options));");
            w.Line();
            w.Line("/// <summary>Like <see cref=\"Load(string, " + SessionOptions.Substring("global::".Length) + "?)\"/>, from the file's bytes.</summary>");
            w.Line($"public static OnnxPredictor Load(byte[] model, {SessionOptions}? options = null)");
            w.Line($"    => new OnnxPredictor({Package}.OnnxModelSession.Open(model, Contract, options));");
        }
        w.Line();
    }

    private static void WritePredictor(CodeWriter w, ModelSpec m)
    {
        string parameters = string.Join(", ", m.Inputs.Select(i => $"{Package}.OnnxTensor {Parameter(i.Name)}"));
        string arguments = string.Join(", ", m.Inputs.Select(i => Parameter(i.Name)));
        w.Line($"/// <summary>{m.ClassName} on ONNX Runtime: typed predictions from plain arrays. Dispose it to release the session.</summary>");
        w.Line(GeneratedCode);
        using (w.Block("public sealed class OnnxPredictor : global::System.IDisposable"))
        {
            w.Line($"private readonly {Package}.OnnxModelSession session;");
            w.Line();
            w.Line($"internal OnnxPredictor({Package}.OnnxModelSession session) => this.session = session;");
            w.Line();
            w.Line("/// <summary>Where the model was loaded from.</summary>");
            w.Line("public string Source => this.session.Source;");
            w.Line();
            w.Line("/// <summary>Whether the file holds the decoded predictions (exported with them); else <see cref=\"Predict\"/> decodes the raw outputs.</summary>");
            w.Line("public bool HasDecodedOutputs => this.session.HasDecodedOutputs;");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Predicts every task for a batch, as <c>Predict</c> does in TorchSharp: classes with their probabilities,");
            w.Line("/// per-pixel classes, multi-label decisions, or values, as each head's output kind says.");
            w.Line("/// </summary>");
            WriteInputParams(w, m);
            w.Line($"/// <exception cref=\"{Package}.OnnxInputException\">An input's element type or shape is not the model's.</exception>");
            using (w.Block($"public OnnxPredictions Predict({parameters})"))
            {
                w.Line($"var run = this.session.Run({arguments});");
                w.Line("return new OnnxPredictions(");
                w.Indent();
                for (int i = 0; i < m.Tasks.Count; i++)
                {
                    var task = m.Tasks[i];
                    w.Line($"{task.Name}: run.{PredictionEmitter.Decoder(task.Output)}({Literal(task.Name)}){(i < m.Tasks.Count - 1 ? "," : ");")}");
                }
                w.Outdent();
            }
            w.Line();
            w.Line("/// <summary>Every task's raw output (logits or values) for a batch, as the model's <c>forward</c> returns them.</summary>");
            WriteInputParams(w, m);
            using (w.Block($"public OnnxOutputs Run({parameters})"))
            {
                w.Line($"var run = this.session.Run({arguments});");
                w.Line($"return new OnnxOutputs({string.Join(", ", m.Tasks.Select(t => $"run.Raw({Literal(t.Name)})"))});");
            }
            w.Line();
            w.Line("/// <summary>Releases ONNX Runtime's session.</summary>");
            w.Line("public void Dispose() => this.session.Dispose();");
        }
        w.Line();
    }

    private static void WriteInputParams(CodeWriter w, ModelSpec m)
    {
        foreach (var input in m.Inputs)
            w.Line($"/// <param name=\"{Parameter(input.Name)}\">Input {input.Name}{(input.Shape.Count == 0 ? " (first dimension: examples)" : $": [N{string.Concat(input.Shape.Select(d => ", " + d))}]")}.</param>");
    }

    private static void WriteRecords(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>Every task's decoded prediction for a batch, computed by ONNX Runtime.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record OnnxPredictions({string.Join(", ", m.Tasks.Select(t => $"{Type(t.Output)} {t.Name}"))});");
        w.Line();
        w.Line("/// <summary>Every task's raw output for a batch, computed by ONNX Runtime.</summary>");
        w.Line(GeneratedCode);
        w.Line($"public sealed record OnnxOutputs({string.Join(", ", m.Tasks.Select(t => $"{Package}.OnnxTensor<float> {t.Name}"))});");
    }

    private static string Type(OutputKind output) => output switch
    {
        OutputKind.Classes => Package + ".OnnxClassPrediction",
        OutputKind.Pixels => Package + ".OnnxPixelPrediction",
        OutputKind.MultiLabel => Package + ".OnnxMultiLabelPrediction",
        _ => Package + ".OnnxRegressionPrediction",
    };

    /// <summary>An input's parameter name: <c>Image</c> → <c>image</c>, escaped when that is a C# keyword.</summary>
    private static string Parameter(string input)
    {
        string name = Local(input, "");
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
