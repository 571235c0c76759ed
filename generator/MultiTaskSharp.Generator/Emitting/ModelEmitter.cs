using System.Linq;
using MultiTaskSharp.Generator.Model;
using static MultiTaskSharp.Generator.Emitting.Names;

namespace MultiTaskSharp.Generator.Emitting;

/// <summary>
/// Writes the module half of a model: base types, registration, forward pass, loss combination,
/// training step, evaluation and fit. The records it uses are written by <see cref="RecordsEmitter"/>.
/// </summary>
internal static class ModelEmitter
{
    public static string Emit(ModelSpec model) => SourceFile.Write(model, writer => WriteClass(writer, model));

    private static void WriteClass(CodeWriter w, ModelSpec m)
    {
        var tasks = string.Join(", ", m.Tasks.Select(t => $"{t.Name} (λ = {Literal(t.Weight)})"));
        w.Line("/// <summary>");
        w.Line($"/// Multi-task model with trunk <c>{m.Trunk.MemberName}</c> and tasks {tasks}.");
        w.Line("/// </summary>");
        w.Line($"partial class {m.ClassName} : global::TorchSharp.torch.nn.Module<{InputType(m)}, {m.ClassName}.Outputs>,");
        w.Line($"    {Runtime}.IMultiTaskModel<{m.ClassName}.Batch, {m.ClassName}.LossValues, {m.ClassName}.Metrics>");
        using (w.Block(""))
        {
            w.Line("/// <summary>The task names, in declaration order (the order of every per-task list).</summary>");
            w.Line($"public static {ReadOnlyList}<string> TaskNames {{ get; }} = new[] {{ {string.Join(", ", m.Tasks.Select(t => Literal(t.Name)))} }};");
            w.Line();
            w.Line($"private {Runtime}.LossWeighting _lossWeighting = null!;");
            w.Line();
            WriteConstructor(w, m);
            WriteLossWeighting(w, m);
            WriteForward(w, m);
            WriteComputeLosses(w, m);
            WriteTrainStep(w, m);
            WriteEvaluate(w, m);
            WriteFit(w, m);
        }
    }

    private static void WriteConstructor(CodeWriter w, ModelSpec m)
    {
        if (!m.HasUserConstructor)
        {
            w.Line("/// <summary>Creates the model with the modules its fields declare.</summary>");
            using (w.Block($"public {m.ClassName}() : base(nameof({m.ClassName}))"))
                w.Line("InitializeTaskModules();");
            w.Line();
        }

        w.Line("/// <summary>");
        w.Line("/// Registers the model's modules and parameters under PyTorch-style names, so that");
        w.Line("/// <c>parameters()</c>, <c>state_dict()</c>, <c>save()</c> and <c>load()</c> see them, and sets the");
        w.Line("/// declared loss weights. A hand-written constructor calls it once, after assigning every module.");
        w.Line("/// </summary>");
        using (w.Block("private void InitializeTaskModules()"))
        {
            foreach (var member in m.Registered)
            {
                var register = member.IsParameter ? "register_parameter" : "register_module";
                w.Line($"{register}({Literal(member.RegisteredName)}, this.{member.MemberName} ?? throw new global::System.InvalidOperationException({Literal($"{m.ClassName}.{member.MemberName} is null; assign it before InitializeTaskModules() runs.")}));");
            }
            w.Line($"_lossWeighting = new {Runtime}.FixedLossWeights({string.Join(", ", m.Tasks.Select(t => Literal(t.Weight)))});");
        }
        w.Line();
    }

    private static void WriteLossWeighting(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// How the task losses combine into the total. Starts as the declared fixed weights");
        w.Line($"/// ({string.Join(", ", m.Tasks.Select(t => $"{t.Name} {Literal(t.Weight)}"))}). Assign another strategy before creating the optimizer:");
        w.Line("/// one with learnable parameters is registered as the submodule <c>loss_weighting</c>, so the optimizer and");
        w.Line("/// checkpoints see them.");
        w.Line("/// </summary>");
        using (w.Block($"public {Runtime}.LossWeighting LossWeighting"))
        {
            w.Line("get => _lossWeighting;");
            w.Line($"set => _lossWeighting = {Runtime}.LossWeighting.Attach(this, value, TaskNames);");
        }
        w.Line();
    }

    private static void WriteForward(CodeWriter w, ModelSpec m)
    {
        var usedInputs = m.Inputs.Where(i => m.Tasks.Any(t => t.Input == i.Name)).ToList();
        if (m.HasNamedInputs)
        {
            w.Line("/// <summary>Runs each input through its stem and the shared trunk once, then every head on its input's features.</summary>");
            using (w.Block("public override Outputs forward(Inputs inputs)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(inputs);");
                foreach (var input in usedInputs)
                {
                    var source = "inputs." + input.Name;
                    var stemmed = input.Stem is null ? source : Call(input.Stem, source);
                    w.Line($"var {Local(input.Name, "Features")} = {Call(m.Trunk, stemmed)};");
                }
                WriteOutputs(w, m, task => Local(task.Input, "Features"));
            }
        }
        else
        {
            var input = m.Inputs[0];
            w.Line("/// <summary>Runs the trunk once and every head on its output.</summary>");
            using (w.Block($"public override Outputs forward({Tensor} input)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(input);");
                var stemmed = input.Stem is null ? "input" : Call(input.Stem, "input");
                w.Line($"var features = {Call(m.Trunk, stemmed)};");
                WriteOutputs(w, m, _ => "features");
            }
        }
        w.Line();
    }

    private static void WriteOutputs(CodeWriter w, ModelSpec m, System.Func<TaskSpec, string> features)
    {
        w.Line("return new Outputs(");
        w.Indent();
        for (int i = 0; i < m.Tasks.Count; i++)
        {
            var task = m.Tasks[i];
            w.Line($"{task.Name}: {Call(task.Head, features(task))}{(i < m.Tasks.Count - 1 ? "," : ");")}");
        }
        w.Outdent();
    }

    private static void WriteComputeLosses(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// Every task's unweighted loss against its target, and the total as <see cref=\"LossWeighting\"/> combines them.");
        w.Line($"/// Throws <see cref=\"{Runtime}.TaskDataException\"/> naming the task when a target is missing or does not fit.");
        w.Line("/// </summary>");
        using (w.Block("public Losses ComputeLosses(Outputs outputs, Targets targets)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(outputs);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(targets);");
            foreach (var task in m.Tasks)
                w.Line($"var {Local(task.Name, "Loss")} = {LossExpression(task)};");
            w.Line($"var combined = LossWeighting.Combine([{string.Join(", ", m.Tasks.Select(t => Local(t.Name, "Loss")))}]);");
            w.Line("return new Losses(");
            w.Indent();
            w.Line("Total: combined.Total,");
            for (int i = 0; i < m.Tasks.Count; i++)
            {
                var task = m.Tasks[i];
                w.Line($"{task.Name}: new {Runtime}.TaskLoss({Local(task.Name, "Loss")}, combined.Terms[{i}]){(i < m.Tasks.Count - 1 ? "," : ");")}");
            }
            w.Outdent();
        }
        w.Line();
    }

    private static string LossExpression(TaskSpec task)
    {
        var name = Literal(task.Name);
        var member = Literal("Targets." + task.Name);
        if (task.LossMethod is not null)
        {
            var target = $"{Runtime}.TaskLosses.Present({name}, {member}, {Literal(task.LossMethod)}, targets.{task.Name})";
            return $"{Runtime}.TaskLosses.CheckCustom({name}, {Literal(task.LossMethod)}, this.{task.LossMethod}(outputs.{task.Name}, {target}))";
        }
        return $"{Runtime}.TaskLosses.{task.Loss}({name}, {member}, outputs.{task.Name}, targets.{task.Name})";
    }

    private static void WriteTrainStep(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// One optimisation step: zero gradients, forward, losses, backward, optional gradient clipping and");
        w.Line("/// optimizer step. Every tensor it creates is freed before it returns; the result holds plain numbers.");
        w.Line("/// </summary>");
        using (w.Block($"public LossValues TrainStep(Batch batch, {Optimizer} optimizer, {Runtime}.TrainStepOptions? options = null)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(batch);");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(optimizer);");
            w.Line($"using var scope = {Torch}.NewDisposeScope();");
            w.Line($"{Runtime}.BatchMembers.Check(batch);");
            w.Line("optimizer.zero_grad();");
            w.Line("var losses = ComputeLosses(forward(batch.Input), batch.Targets);");
            w.Line("losses.Total.backward();");
            w.Line("if (options?.MaxGradNorm is double maxGradNorm)");
            w.Line($"    {Torch}.nn.utils.clip_grad_norm_(parameters(), maxGradNorm);");
            w.Line("optimizer.step();");
            w.Line("return losses.ToValues();");
        }
        w.Line();
    }

    private static void WriteEvaluate(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// Every task's mean loss and declared metrics over <paramref name=\"batches\"/>, in inference mode and");
        w.Line("/// without gradients. Each batch's tensors are freed once it is scored.");
        w.Line("/// </summary>");
        using (w.Block($"public Metrics Evaluate({EnumerableOf}<Batch> batches)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(batches);");
            foreach (var task in m.Tasks)
                w.Line($"var {Local(task.Name, "Metrics")} = new {Runtime}.TaskMetricAccumulator({Literal(task.Name)}, {MetricFlags(task.Metrics)}, {Runtime}.LossKind.{task.Loss});");
            w.Line("bool wasTraining = training;");
            w.Line("train(false);");
            using (w.Block("try"))
            {
                w.Line($"using var noGrad = {Torch}.no_grad();");
                using (w.Block($"foreach (var batch in {Runtime}.ScopedBatches.Of(batches))"))
                {
                    w.Line($"{Runtime}.BatchMembers.Check(batch);");
                    w.Line("var outputs = forward(batch.Input);");
                    w.Line("var losses = ComputeLosses(outputs, batch.Targets);");
                    foreach (var task in m.Tasks)
                        w.Line($"{Local(task.Name, "Metrics")}.Update(outputs.{task.Name}, batch.Targets.{task.Name}, losses.{task.Name}.Unweighted);");
                }
            }
            using (w.Block("finally"))
                w.Line("train(wasTraining);");
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

    private static void WriteFit(CodeWriter w, ModelSpec m)
    {
        w.Line("/// <summary>");
        w.Line("/// Trains for <see cref=\"global::MultiTaskSharp.FitOptions.Epochs\"/> passes over <paramref name=\"train\"/>, reporting");
        w.Line("/// every step to <paramref name=\"progress\"/> and every epoch to <paramref name=\"onEpoch\"/>. Create the");
        w.Line("/// optimizer after moving the model to its device.");
        w.Line("/// </summary>");
        w.Line($"public {Runtime}.TrainingHistory<LossValues, Metrics> Fit(");
        w.Indent();
        w.Line($"{Runtime}.IBatchSource<Batch> train,");
        w.Line($"{Optimizer} optimizer,");
        w.Line($"{Runtime}.FitOptions? options = null,");
        w.Line($"{Runtime}.IBatchSource<Batch>? validation = null,");
        w.Line($"global::System.IProgress<{Runtime}.FitProgress>? progress = null,");
        w.Line($"global::System.Action<{Runtime}.EpochRecord<LossValues, Metrics>>? onEpoch = null)");
        w.Line($"=> {Runtime}.Trainer.Fit(this, train, optimizer, options, validation, progress, onEpoch);");
        w.Outdent();
    }
}
