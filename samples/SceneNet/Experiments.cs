using System;
using MultiTaskSharp;
using TorchSharp;

namespace SceneNet;

/// <summary>What one trained model scored on the test set.</summary>
/// <param name="Name">The row label in the comparison table.</param>
/// <param name="Shape">Shape-task metrics, or null for a model without that task.</param>
/// <param name="Mask">Mask-task metrics, or null for a model without that task.</param>
/// <param name="Parameters">The model's number of trainable values.</param>
/// <param name="Elapsed">Training wall time, validation included.</param>
public sealed record RunResult(string Name, TaskMetrics? Shape, TaskMetrics? Mask, long Parameters, TimeSpan Elapsed)
{
    /// <summary>Mean training time per step (without validation), when measured.</summary>
    public double? StepMilliseconds { get; init; }
}

/// <summary>
/// The three trainings of the comparison. Each seeds libtorch before building its model, so every
/// model starts from the same generator state however many of them run, and each trains on the same
/// images with the same batches, optimizer and epochs: only the declared heads differ.
/// </summary>
public sealed class Experiments(SceneSet train, SceneSet validation, SceneSet test, SceneOptions options, torch.Device device)
{
    // Evaluation needs no gradients, so larger batches are cheap.
    private const int EvaluationBatchSize = 256;

    /// <summary>
    /// Trains the multi-task model with <paramref name="weighting"/> (default: the option's); the caller owns (and
    /// disposes) the returned model and optimizer. Without <paramref name="validate"/> the training time is the steps'
    /// alone.
    /// </summary>
    public (RunResult Result, SceneModel Model, torch.optim.Optimizer Optimizer) MultiTask(WeightingChoice? weighting = null, bool validate = true)
    {
        weighting ??= WeightingCatalog.Find(options.Weighting)!;
        Reproducibility.Seed(options.Seed);
        var model = new SceneModel();
        model.to(device);
        if (weighting.Create(options.Seed) is { } strategy)
            model.LossWeighting = strategy; // before the optimizer: a learnable strategy's parameters must be in it
        var optimizer = TrainingRun.CreateOptimizer(model);
        SceneModel.Batch All(SceneSet set) => new(set.Images, new SceneModel.Targets(set.Labels, set.Masks));

        // What the command line asks for, as Fit callbacks: each epoch to TensorBoard, the curves to a PNG at the end,
        // early stopping on the typed monitor of the Shape task's accuracy (a misspelt task would not compile).
        var callbacks = new List<IFitCallback>();
        if (options.TensorBoard is { } folder)
            callbacks.Add(new TensorBoardLogger(folder));
        if (options.PlotPath is { } plot)
            callbacks.Add(new PlotCallback(plot));
        if (options.Patience is int patience && validate)
            callbacks.Add(new EarlyStopping(SceneModel.Monitors.ShapeAccuracy, patience));
        var (elapsed, history) = TrainingRun.Fit($"Multi-task: Shape + Mask on one trunk, {weighting.Name} weighting", model,
            Shuffled(All(train)), validate ? InOrder(All(validation)) : null, optimizer, options.Epochs, callbacks);
        var metrics = model.Evaluate(InOrder(All(test)));
        var steps = (double)history.Count * Shuffled(All(train)).BatchCount!.Value; // early stopping may end it sooner
        return (new RunResult($"Multi-task ({weighting.Name})", metrics.Shape, metrics.Mask, TrainingRun.CountParameters(model), elapsed)
            { StepMilliseconds = elapsed.TotalMilliseconds / steps }, model, optimizer);
    }

    public RunResult ShapeOnly()
    {
        Reproducibility.Seed(options.Seed);
        using var model = new ShapeOnlyModel();
        model.to(device);
        using var optimizer = TrainingRun.CreateOptimizer(model);
        ShapeOnlyModel.Batch All(SceneSet set) => new(set.Images, new ShapeOnlyModel.Targets(set.Labels));

        var (elapsed, _) = TrainingRun.Fit("Baseline: Shape only", model, Shuffled(All(train)), InOrder(All(validation)), optimizer, options.Epochs);
        var metrics = model.Evaluate(InOrder(All(test)));
        return new RunResult("Shape only", metrics.Shape, null, TrainingRun.CountParameters(model), elapsed);
    }

    public RunResult MaskOnly()
    {
        Reproducibility.Seed(options.Seed);
        using var model = new MaskOnlyModel();
        model.to(device);
        using var optimizer = TrainingRun.CreateOptimizer(model);
        MaskOnlyModel.Batch All(SceneSet set) => new(set.Images, new MaskOnlyModel.Targets(set.Masks));

        var (elapsed, _) = TrainingRun.Fit("Baseline: Mask only", model, Shuffled(All(train)), InOrder(All(validation)), optimizer, options.Epochs);
        var metrics = model.Evaluate(InOrder(All(test)));
        return new RunResult("Mask only", null, metrics.Mask, TrainingRun.CountParameters(model), elapsed);
    }

    private TensorBatches<TBatch> Shuffled<TBatch>(TBatch all) where TBatch : IBatch<TBatch>
        => new(all, TrainingRun.BatchSize, shuffle: true, seed: options.Seed, device: device);

    private TensorBatches<TBatch> InOrder<TBatch>(TBatch all) where TBatch : IBatch<TBatch>
        => new(all, EvaluationBatchSize, device: device);
}
