using System;
using System.Collections.Generic;
using MultiTaskSharp;
using TorchSharp;

namespace MultiFashion;

/// <summary>What one trained model scored on the test set.</summary>
/// <param name="Model">The row label in the results table.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Left">Left-item test accuracy, or null for a model without that task.</param>
/// <param name="Right">Right-item test accuracy, or null for a model without that task.</param>
/// <param name="SecondsPerEpoch">Mean wall time of an epoch, validation included.</param>
public sealed record RunResult(string Model, int Seed, double? Left, double? Right, double SecondsPerEpoch);

/// <summary>
/// Every training of the comparison. Each seeds libtorch before building its model, so for a given seed
/// every model starts from the same generator state, and each trains on the same examples with the same
/// batches (shuffled by the seed), optimizer and epochs: only the declared heads or the variant differ.
/// </summary>
public sealed class Experiments(MultiFashionSplits data, int epochs, torch.Device device)
{
    public const string LeftOnlyName = "Single-task: Left only";
    public const string RightOnlyName = "Single-task: Right only";

    // Evaluation keeps no activations for a backward pass, so larger batches cost little.
    private const int EvaluationBatchSize = 1000;

    /// <summary>The baselines, then every multi-task variant, for one seed.</summary>
    public IEnumerable<RunResult> RunAll(int seed, IReadOnlyList<MultiTaskVariant> variants)
    {
        yield return LeftOnly(seed);
        yield return RightOnly(seed);
        foreach (var variant in variants)
            yield return MultiTask(variant, seed);
    }

    public RunResult MultiTask(MultiTaskVariant variant, int seed)
    {
        Reproducibility.Seed(seed);
        using var model = new MultiLeNet();
        model.to(device);
        model.LossWeighting = variant.Create(seed); // before the optimizer: a learnable strategy's parameters must be in it
        using var optimizer = TrainingRun.CreateOptimizer(model);
        static MultiLeNet.Batch All(TwoItemSet set) => new(set.Images, new MultiLeNet.Targets(set.Left, set.Right));

        var timing = TrainingRun.Fit($"{variant.Name} (seed {seed})", model,
            Shuffled(All(data.Train), seed), InOrder(All(data.Validation)), optimizer, epochs);
        var metrics = model.Evaluate(InOrder(All(data.Test)));
        return new RunResult(variant.Name, seed, metrics.Left.Accuracy, metrics.Right.Accuracy, timing.SecondsPerEpoch);
    }

    public RunResult LeftOnly(int seed)
    {
        Reproducibility.Seed(seed);
        using var model = new LeftOnlyLeNet();
        model.to(device);
        using var optimizer = TrainingRun.CreateOptimizer(model);
        static LeftOnlyLeNet.Batch All(TwoItemSet set) => new(set.Images, new LeftOnlyLeNet.Targets(set.Left));

        var timing = TrainingRun.Fit($"{LeftOnlyName} (seed {seed})", model,
            Shuffled(All(data.Train), seed), InOrder(All(data.Validation)), optimizer, epochs);
        var metrics = model.Evaluate(InOrder(All(data.Test)));
        return new RunResult(LeftOnlyName, seed, metrics.Left.Accuracy, null, timing.SecondsPerEpoch);
    }

    public RunResult RightOnly(int seed)
    {
        Reproducibility.Seed(seed);
        using var model = new RightOnlyLeNet();
        model.to(device);
        using var optimizer = TrainingRun.CreateOptimizer(model);
        static RightOnlyLeNet.Batch All(TwoItemSet set) => new(set.Images, new RightOnlyLeNet.Targets(set.Right));

        var timing = TrainingRun.Fit($"{RightOnlyName} (seed {seed})", model,
            Shuffled(All(data.Train), seed), InOrder(All(data.Validation)), optimizer, epochs);
        var metrics = model.Evaluate(InOrder(All(data.Test)));
        return new RunResult(RightOnlyName, seed, null, metrics.Right.Accuracy, timing.SecondsPerEpoch);
    }

    private TensorBatches<TBatch> Shuffled<TBatch>(TBatch all, int seed) where TBatch : IBatch<TBatch>
        => new(all, TrainingRun.BatchSize, shuffle: true, seed: seed, device: device);

    private TensorBatches<TBatch> InOrder<TBatch>(TBatch all) where TBatch : IBatch<TBatch>
        => new(all, EvaluationBatchSize, device: device);
}
