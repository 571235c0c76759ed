using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>Writes typed prediction: each task's output decoded as its kind says (class and probabilities, values, …).</summary>
internal static class PredictionEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        string parameter = m.HasNamedInputs ? "Inputs inputs" : $"{Tensor} input";
        string argument = m.HasNamedInputs ? "inputs" : "input";
        w.Line("/// <summary>");
        w.Line("/// Predicts every task for a batch of inputs in inference mode and without gradients: classes with their");
        w.Line("/// probabilities, per-pixel classes, multi-label decisions, or values, as each head's output kind says.");
        w.Line("/// </summary>");
        using (w.Block($"public Predictions Predict({parameter})"))
        {
            w.Line($"global::System.ArgumentNullException.ThrowIfNull({argument});");
            w.Line("bool wasTraining = training;");
            w.Line("train(false);");
            using (w.Block("try"))
            {
                w.Line($"using var noGrad = {Torch}.no_grad();");
                w.Line($"var outputs = Forward({argument}, {Generated}.RepresentationCapture.None);");
                w.Line("return new Predictions(");
                w.Indent();
                for (int i = 0; i < m.Tasks.Count; i++)
                {
                    var task = m.Tasks[i];
                    bool optional = m.Inputs.Any(x => x.Name == task.Input && x.MayBeAbsent);
                    string decode = $"{Generated}.Prediction.{Decoder(task.Output)}({Literal(task.Name)}, outputs.{task.Name})";
                    if (optional)
                        decode = $"outputs.{task.Name} is null ? null : {decode}";
                    w.Line($"{task.Name}: {decode}{(i < m.Tasks.Count - 1 ? "," : ");")}");
                }
                w.Outdent();
            }
            using (w.Block("finally"))
                w.Line("train(wasTraining);");
        }
        w.Line();
        w.Line("/// <summary>Predicts every task for a batch's inputs (its targets are not used).</summary>");
        w.Line("public Predictions Predict(Batch batch) => Predict((batch ?? throw new global::System.ArgumentNullException(nameof(batch))).Input);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Predicts the batches of one pass of <paramref name=\"source\"/>, one batch at a time as the result is enumerated;");
        w.Line("/// the tensors of each result belong to the caller (dispose them, or enumerate inside a dispose scope).");
        w.Line("/// </summary>");
        w.Line($"public {EnumerableOf}<Predictions> Predict({Runtime}.IBatchSource<Batch> source)");
        w.Line("    => global::System.Linq.Enumerable.Select((source ?? throw new global::System.ArgumentNullException(nameof(source))).GetBatches(epoch: 0), batch => Predict(batch));");
        w.Line();
    }

    public static string Decoder(OutputKind output) => output switch
    {
        OutputKind.Classes => "Classes",
        OutputKind.Pixels => "Pixels",
        OutputKind.MultiLabel => "MultiLabel",
        _ => "Regression",
    };

    public static string Type(OutputKind output) => output switch
    {
        OutputKind.Classes => Runtime + ".ClassPrediction",
        OutputKind.Pixels => Runtime + ".PixelPrediction",
        OutputKind.MultiLabel => Runtime + ".MultiLabelPrediction",
        _ => Runtime + ".RegressionPrediction",
    };
}
