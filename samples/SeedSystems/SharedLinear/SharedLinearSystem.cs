using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SeedSystems.SharedLinear;

/// <summary>
/// Data: x ~ N(0, I₁₀); y_t = x·w_t + 0.1·ε with related weights w_t = w + 0.3·u_t (one shared
/// direction plus a small task-specific one). Baseline: predicting each task's training mean.
/// </summary>
public static class SharedLinearSystem
{
    public const int DefaultEpochs = 20;
    private const int Features = 10, TrainCount = 2000, TestCount = 1000;
    private const double Noise = 0.1;

    private sealed record Split(Tensor X, Tensor Y1, Tensor Y2, Tensor Y3)
    {
        public SharedLinearModel.Batch Batch => new(X, new SharedLinearModel.Targets(Y1, Y2, Y3));
    }

    public static int Run(SystemOptions options)
    {
        using var owner = new TensorOwner();
        var (train, test) = Generate(options.Seed, owner);
        AnsiConsole.MarkupLine($"{TrainCount} train / {TestCount} test examples, {Features} features, noise σ = {Noise} (so the best possible MSE is ≈ {Noise * Noise:0.###}).");

        Reproducibility.Seed(options.Seed);
        using var model = new SharedLinearModel();
        model.to(options.Device);
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var metrics = SystemRun.TrainAndTest(model,
            new TensorBatches<SharedLinearModel.Batch>(train.Batch, 64, shuffle: true, seed: options.Seed, device: options.Device),
            new TensorBatches<SharedLinearModel.Batch>(test.Batch, 500, device: options.Device),
            optimizer, options.EpochsOr(DefaultEpochs));
        SystemRun.PrintMetrics(metrics);

        var checks = new List<Check>();
        foreach (var (task, trainY, testY) in new[] { (metrics.Y1, train.Y1, test.Y1), (metrics.Y2, train.Y2, test.Y2), (metrics.Y3, train.Y3, test.Y3) })
        {
            // R² ≥ 0.9: the model explains at least 90 % of the variance the mean leaves.
            double baseline = MeanPredictorMse(trainY, testY);
            checks.Add(Check.ErrorBelow(task.Task + " MSE", task.MeanSquaredError!.Value, "predict the mean", baseline, 0.1));
        }
        return SystemRun.Verdict("shared-linear", checks);
    }

    private static (Split Train, Split Test) Generate(int seed, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        // Scaled by 1/√d so every target has variance ≈ 1 whatever the number of features.
        var shared = randn(Features, generator: generator) / System.Math.Sqrt(Features);
        var weights = stack([.. new[] { 0, 1, 2 }.Select(_ => shared + 0.3 * randn(Features, generator: generator) / System.Math.Sqrt(Features))], dim: 1); // [10, 3]

        Split Draw(int count)
        {
            var x = randn(count, Features, generator: generator);
            var y = x.matmul(weights) + Noise * randn(count, 3, generator: generator); // [N, 3]
            // Targets are [N, 1]: the shape of a Linear(·, 1) head's output.
            return new Split(owner.Keep(x), owner.Keep(y.narrow(1, 0, 1)), owner.Keep(y.narrow(1, 1, 1)), owner.Keep(y.narrow(1, 2, 1)));
        }
        return (Draw(TrainCount), Draw(TestCount));
    }

    /// <summary>The test MSE of always predicting the training mean.</summary>
    public static double MeanPredictorMse(Tensor trainTarget, Tensor testTarget)
    {
        using var scope = NewDisposeScope();
        return (testTarget - trainTarget.mean()).square().mean().to_type(ScalarType.Float64).item<double>();
    }
}
