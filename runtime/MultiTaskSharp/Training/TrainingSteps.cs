using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>What one training step left behind: its loss values on the device, or why the batch was skipped.</summary>
/// <param name="Values">[total, each task's loss, each penalty], float64, detached; NaN for a skipped batch.</param>
/// <param name="Weights">How much each value counts in an epoch mean: examples for the total and penalties, present loss entries for tasks.</param>
/// <param name="Problem">Why the batch was skipped, or null when it was trained on.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record StepResult(Tensor Values, Tensor Weights, BatchProblem? Problem) : IDisposable
{
    /// <summary>The step's task-relationship measurement, when one was asked for.</summary>
    internal RelationshipSample? Relationships { get; init; }

    /// <summary>Whether the batch was skipped (see <see cref="TrainStepOptions.SkipInvalidBatches"/>).</summary>
    public bool Skipped => Problem is not null;

    /// <inheritdoc />
    public void Dispose()
    {
        Values.Dispose();
        Weights.Dispose();
    }
}

/// <summary>
/// The training step every generated model runs: forward and losses, one device→host read of the batch checks and
/// task presence, the strategy's backward pass, penalties, clipping, the optimizer step and the strategy's update.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TrainingSteps
{
    /// <summary>The generated <c>TrainStep</c>: one step, with the loss values read to the host.</summary>
    public static TLossValues TrainStep<TBatch, TLossValues>(IStepModel<TBatch> model, TBatch batch, optim.Optimizer optimizer, TrainStepOptions? options)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
    {
        using var result = Run(model, batch, optimizer, options);
        return TLossValues.FromVector(HostReads.Values(result.Values));
    }

    /// <summary>One step; the caller owns (and disposes) the result's tensors.</summary>
    public static StepResult Run<TBatch>(IStepModel<TBatch> model, TBatch batch, optim.Optimizer optimizer, TrainStepOptions? options)
        where TBatch : class, IBatch<TBatch>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= Default;
        using var scope = NewDisposeScope();
        long examples = batch.Count; // validates that every member agrees
        if (examples == 0)
            throw new TaskDataException("Batch", "Batch", $"has no examples{Where(options)}; every batch needs at least one.");

        var strategy = model.Weighting;
        bool representation = strategy is GradientWeighting { Gradients: GradientSource.Representation };
        if (representation && !model.HasRepresentation)
            throw new InvalidOperationException($"{strategy.GetName()} asks for representation gradients, but this model's architecture has no shared representation; set Gradients = GradientSource.Parameters.");
        var capture = representation ? RepresentationCapture.Create() : RepresentationCapture.None;

        optimizer.zero_grad();
        // Buffers (batch-norm statistics) change during the forward pass: keep a copy to undo a rejected batch.
        var saved = options.CheckFinite ? SaveBuffers(model.Module) : null;
        var pass = model.RunPass(batch, capture);
        var present = Enumerable.Repeat(true, pass.Tasks.Length).ToArray();
        var partial = Enumerable.Range(0, pass.Tasks.Length).Where(t => pass.Tasks[t].PresentCount is not null).ToArray();
        var group = DataParallelContext.Current;
        StepExchange? exchange = null;
        if (group is not null)
        {
            if (options.MeasureRelationships is not null)
                throw new NotSupportedException("Measuring task relationships is not supported in data-parallel training yet; leave FitOptions.Relationships unset there.");
            // Data parallelism: the processes agree on the checks, the present tasks and the global task losses.
            exchange = StepExchange.Run(group, pass, examples, options.CheckFinite, WhereInRun(options));
            if (exchange.Problem is { } problem)
            {
                Restore(model.Module, saved);
                if (!options.SkipInvalidBatches)
                    throw new TaskDataException(problem.Task, problem.Member, problem.Message, problem.IsInput);
                optimizer.zero_grad();
                var nan = full(1 + pass.Tasks.Length + pass.Penalties.Length, double.NaN, dtype: ScalarType.Float64);
                return new StepResult(nan.MoveToOuterDisposeScope(), zeros_like(nan).MoveToOuterDisposeScope(), problem);
            }
            present = exchange.Present;
        }
        else if (options.CheckFinite || partial.Length > 0)
        {
            // The step's one read from the device: the checks and which tasks the batch labelled, together.
            var flags = new List<Tensor> { options.CheckFinite ? BatchChecks.Healthy(pass) : ones([], dtype: ScalarType.Bool) };
            flags.AddRange(partial.Select(t => pass.Tasks[t].PresentCount!.gt(0)));
            var host = HostReads.Flags(stack(flags));
            if (!host[0])
            {
                var problem = BatchChecks.Diagnose(pass);
                Restore(model.Module, saved);
                if (!options.SkipInvalidBatches)
                    throw new TaskDataException(problem.Task, problem.Member, problem.Message + Where(options), problem.IsInput);
                optimizer.zero_grad();
                var nan = full(1 + pass.Tasks.Length + pass.Penalties.Length, double.NaN, dtype: ScalarType.Float64);
                return new StepResult(nan.MoveToOuterDisposeScope(), zeros_like(nan).MoveToOuterDisposeScope(), problem);
            }
            for (int i = 0; i < partial.Length; i++)
                present[partial[i]] = host[1 + i];
        }

        var layout = model.Parameters();
        var measured = options.MeasureRelationships is not null ? RelationshipProbe.MeasureGradients(pass, layout, present) : null;
        var losses = exchange?.Surrogates(pass.Tasks.Select(t => t.Loss).ToArray()) ?? pass.Tasks.Select(t => t.Loss).ToArray();
        Func<Tensor[]> reevaluate = exchange is null ? () => EvaluateAgain(model, batch) : () => exchange.Globalize(EvaluateAgain(model, batch));
        var step = new TrainingStep(model.Tasks, losses, present, layout, capture, model.HasRepresentation, options.Epoch, reevaluate)
        {
            Group = group,
        };
        var weighted = strategy.Backward(step);
        Tensor total = weighted.Total.detach();
        if (pass.Penalties.Length > 0)
        {
            // Penalties tie task towers only; their gradient adds to whatever the strategy wrote.
            var penalty = Sum(pass.Penalties.Select(p => p.Value * p.Weight));
            penalty.backward();
            total = total + penalty.detach();
        }
        // The graph is released: the lookahead may now move (and restore) the shared parameters.
        var relationships = measured is null ? null
            : options.MeasureRelationships!.Lookahead ? RelationshipProbe.Lookahead(model, batch, pass, measured, LearningRate(optimizer)) : measured.Sample;
        if (group is not null)
        {
            // One flat buffer of every gradient (the strategy's parameters included), averaged over the processes.
            TensorCollectives.AverageGradients(group, model.Module.parameters().Cast<Tensor>().ToList());
        }
        if (options.MaxGradNorm is double maxGradNorm)
            nn.utils.clip_grad_norm_(model.Module.parameters(), maxGradNorm);
        optimizer.step();
        strategy.AfterStep(step);

        var values = cat([
            total.reshape(1),
            .. losses.Select(l => l.detach().reshape(1)),
            .. pass.Penalties.Select(p => p.Value.detach().reshape(1))]).to_type(ScalarType.Float64);
        var weights = exchange is not null ? exchange.Weights(pass.Penalties.Length, values.device) : cat([
            full(1, (double)examples, dtype: ScalarType.Float64, device: values.device),
            .. pass.Tasks.Select(t => (t.PresentCount?.to_type(ScalarType.Float64) ?? full([], (double)t.Entries, dtype: ScalarType.Float64, device: values.device)).reshape(1)),
            .. pass.Penalties.Select(_ => full(1, (double)examples, dtype: ScalarType.Float64, device: values.device))]);
        return new StepResult(values.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope(), null) { Relationships = relationships };
    }

    private static double LearningRate(optim.Optimizer optimizer)
        => optimizer is TorchSharp.Modules.OptimizerHelper helper ? helper.ParamGroups.FirstOrDefault()?.LearningRate ?? 0 : 0;

    /// <summary>Copies a small vector of values to the host (one synchronisation).</summary>
    private static Tensor[] EvaluateAgain<TBatch>(IStepModel<TBatch> model, TBatch batch)
    {
        using var noGrad = no_grad();
        return model.RunPass(batch, RepresentationCapture.None).Tasks.Select(t => t.Loss).ToArray();
    }

    private static Tensor Sum(IEnumerable<Tensor> terms)
    {
        Tensor? total = null;
        foreach (var term in terms)
            total = total is null ? term : total + term;
        return total!;
    }

    private static List<(Tensor Buffer, Tensor Copy)>? SaveBuffers(nn.Module module)
    {
        List<(Tensor, Tensor)>? saved = null;
        foreach (var buffer in module.buffers())
            (saved ??= new()).Add((buffer, buffer.clone()));
        return saved;
    }

    private static void Restore(nn.Module module, List<(Tensor Buffer, Tensor Copy)>? saved)
    {
        if (saved is null)
            return;
        using var noGrad = no_grad();
        foreach (var (buffer, copy) in saved)
            buffer.copy_(copy);
    }

    private static string WhereInRun(TrainStepOptions options)
        => options.Epoch > 0 ? $", epoch {options.Epoch}, batch {options.Batch}" : options.Batch > 0 ? $", batch {options.Batch}" : "";

    private static string Where(TrainStepOptions options)
        => options.Epoch > 0 ? $" (epoch {options.Epoch}, batch {options.Batch})" : options.Batch > 0 ? $" (batch {options.Batch})" : "";

    private static readonly TrainStepOptions Default = new();
}
