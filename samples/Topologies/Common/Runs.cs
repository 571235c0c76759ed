using System;
using System.Linq;
using MultiTaskSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Topologies;

/// <summary>How one model is trained: identical for every model an experiment compares.</summary>
public sealed record TrainingSettings(int Epochs, int BatchSize, double LearningRate);

/// <summary>The steps every experiment shares: train a generated model quietly and score it on the test set.</summary>
public static class Runs
{
    /// <summary>
    /// Moves <paramref name="model"/> to <paramref name="device"/>, trains it with Adam on <paramref name="train"/> and
    /// returns its metrics on <paramref name="test"/>. The optimizer is made after the move, as <c>to()</c> replaces parameters.
    /// </summary>
    public static TMetrics TrainAndTest<TBatch, TLossValues, TMetrics>(
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model, TBatch train, TBatch test,
        TrainingSettings settings, int seed, Device device)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var module = Module(model);
        module.to(device);
        using var optimizer = optim.Adam(module.parameters(), settings.LearningRate);
        Trainer.Fit(model, new TensorBatches<TBatch>(train, settings.BatchSize, shuffle: true, seed: seed, device: device),
            optimizer, new FitOptions { Epochs = settings.Epochs });
        return model.Evaluate(new TensorBatches<TBatch>(test, 1000, device: device).GetBatches(epoch: 0));
    }

    /// <summary>Seeds TorchSharp's generators, then creates the model: its initial weights depend on <paramref name="seed"/> only.</summary>
    public static TModel Seeded<TModel>(int seed, Func<TModel> create)
    {
        Reproducibility.Seed(seed);
        return create();
    }

    /// <summary>The number of trainable values of a generated model.</summary>
    public static long ParameterCount<TBatch, TLossValues, TMetrics>(IMultiTaskModel<TBatch, TLossValues, TMetrics> model)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : ITaskMetricsSet
        => Module(model).parameters().Sum(p => p.numel());

    /// <summary>The test MSE of always predicting the training mean (of the labels present: NaN marks a missing one).</summary>
    public static double MeanPredictorMse(Tensor trainTarget, Tensor testTarget)
    {
        using var scope = NewDisposeScope();
        // Not nanmean(): TorchSharp 0.107's nanmean without a dtype fails in libtorch ("Unsupported TypeMeta").
        var present = trainTarget[trainTarget.isnan().logical_not()];
        return (testTarget - present.mean()).square().mean().to_type(ScalarType.Float64).item<double>();
    }

    /// <summary>The Pearson correlation of two label columns.</summary>
    public static double Pearson(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return corrcoef(stack([a.flatten(), b.flatten()]))[0, 1].to_type(ScalarType.Float64).item<double>();
    }

    // Generated models are TorchSharp modules that implement the interface; the interface itself does not say so.
    private static nn.Module Module(object model)
        => model as nn.Module ?? throw new ArgumentException($"{model.GetType().Name} is not a TorchSharp module.", nameof(model));
}
