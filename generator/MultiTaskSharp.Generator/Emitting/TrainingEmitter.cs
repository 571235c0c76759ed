using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>Writes training and evaluation: <c>TrainStep</c>, <c>Evaluate</c>, <c>Fit</c> and the runtime's step contract.</summary>
internal static class TrainingEmitter
{
    public static void Write(CodeWriter w, ModelSpec m)
    {
        WriteTrainStep(w);
        WriteEvaluate(w, m);
        WriteFit(w);
        WriteStepContract(w, m);
    }

    private static void WriteTrainStep(CodeWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// One optimisation step: forward, losses, a check that inputs, labels and losses are valid (before anything is");
        w.Line("/// updated), the weighting strategy's backward pass, optional gradient clipping and the optimizer step. Every");
        w.Line("/// tensor it creates is freed before it returns; the result holds plain numbers.");
        w.Line("/// </summary>");
        w.Line($"public LossValues TrainStep(Batch batch, {Optimizer} optimizer, {Runtime}.TrainStepOptions? options = null)");
        w.Line($"    => {Generated}.TrainingSteps.TrainStep<Batch, LossValues>(this, batch, optimizer, options);");
        w.Line();
    }

    private static void WriteEvaluate(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// Every task's mean loss and declared metrics over <paramref name=\"batches\"/>, in inference mode and without");
        w.Line("/// gradients. Results accumulate on the device and are read once, at the end; missing targets are skipped.");
        w.Line("/// </summary>");
        using (w.Block($"public Metrics Evaluate({EnumerableOf}<Batch> batches)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(batches);");
            foreach (var task in m.Tasks)
                w.Line($"using var {Local(task.Name, "Metrics")} = new {Generated}.TaskMetricAccumulator({Literal(task.Name)}, {MetricFlags(task.Metrics)}, {Runtime}.OutputKind.{task.Output});");
            w.Line($"using var checks = new {Generated}.EvaluationChecks();");
            w.Line("bool wasTraining = training;");
            w.Line("train(false);");
            using (w.Block("try"))
            {
                w.Line($"using var noGrad = {Torch}.no_grad();");
                using (w.Block($"foreach (var batch in {Generated}.ScopedBatches.Of(batches))"))
                {
                    w.Line($"var pass = (({Generated}.IStepModel<Batch>)this).RunPass(batch, {Generated}.RepresentationCapture.None);");
                    w.Line("checks.Add(pass);");
                    for (int i = 0; i < m.Tasks.Count; i++)
                        w.Line($"{Local(m.Tasks[i].Name, "Metrics")}.Update(pass.Tasks[{i}]);");
                }
            }
            using (w.Block("finally"))
                w.Line("train(wasTraining);");
            w.Line("checks.ThrowIfInvalid();");
            w.Line($"return new Metrics({string.Join(", ", m.Tasks.Select(t => Local(t.Name, "Metrics") + ".Result()"))});");
        }
        w.Line();
        w.Line("/// <summary>Every task's mean loss and declared metrics over one pass of <paramref name=\"source\"/>.</summary>");
        w.Line($"public Metrics Evaluate({Runtime}.IBatchSource<Batch> source)");
        w.Line("    => Evaluate((source ?? throw new global::System.ArgumentNullException(nameof(source))).GetBatches(epoch: 0));");
        w.Line();
        w.Line($"void {Runtime}.IMultiTaskModel<Batch, LossValues, Metrics>.SetTrainingMode(bool training) => train(training);");
        w.Line();
    }

    private static void WriteFit(CodeWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// Trains for <see cref=\"global::MultiTaskSharp.FitOptions.Epochs\"/> passes over <paramref name=\"train\"/>, reporting");
        w.Line("/// progress to <paramref name=\"progress\"/> and every epoch to <paramref name=\"onEpoch\"/>. Create the");
        w.Line("/// optimizer after moving the model to its device.");
        w.Line("/// </summary>");
        w.Line($"public {Runtime}.TrainingHistory<LossValues, Metrics> Fit(");
        w.Indent();
        w.Line($"{Runtime}.IBatchSource<Batch> train,");
        w.Line($"{Optimizer} optimizer,");
        w.Line($"{Runtime}.FitOptions? options = null,");
        w.Line($"{Runtime}.IBatchSource<Batch>? validation = null,");
        w.Line($"global::System.IProgress<{Runtime}.FitProgress>? progress = null,");
        w.Line($"global::System.Action<{Runtime}.EpochRecord<LossValues, Metrics>>? onEpoch = null,");
        w.Line("global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line($"=> {Runtime}.Trainer.Fit(this, train, optimizer, options, validation, progress, onEpoch, cancellationToken);");
        w.Outdent();
        w.Line();
    }

    private static void WriteStepContract(CodeWriter w, ModelSpec m)
    {
        string contract = $"{Generated}.IStepModel<Batch>";
        w.Line($"{Torch}.nn.Module {contract}.Module => this;");
        w.Line();
        w.Line($"{ReadOnlyList}<string> {contract}.Tasks => TaskNames;");
        w.Line();
        w.Line($"{Runtime}.LossWeighting {contract}.Weighting => LossWeighting;");
        w.Line();
        w.Line($"bool {contract}.HasRepresentation => {Literal(m.Layout.RepresentationProblem is null)};");
        w.Line();
        using (w.Block($"{Generated}.StepPass {contract}.RunPass(Batch batch, {Generated}.RepresentationCapture capture)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(batch);");
            w.Line("var outputs = Forward(batch.Input, capture);");
            string inputs = m.HasNamedInputs
                ? string.Join(", ", m.Inputs.Select(i => $"new({Literal(i.Name)}, {Literal("Batch.Input." + i.Name)}, batch.Input.{i.Name})"))
                : $"new({Literal(m.Inputs[0].Name)}, \"Batch.Input\", batch.Input)";
            w.Line($"return new(EvaluateTaskLosses(outputs, batch.Targets), {(m.SoftSharing.Count > 0 ? "EvaluatePenalties()" : "[]")}, [{inputs}]);");
        }
        w.Line();
        w.Line($"{Runtime}.ParameterLayout {contract}.Parameters()");
        w.Line("{");
        w.Indent();
        w.Line("var tasks = TaskSpecificParameters();");
        w.Line($"return new(SharedParameters(), [{string.Join(", ", m.Tasks.Select(t => "tasks." + t.Name))}]);");
        w.Outdent();
        w.Line("}");
        w.Line();
    }
}
