using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SeedSystems.SeparateInputs;

/// <summary>
/// Data: two separate data sets of different sizes. In each, a hidden 4-dimensional state z ~ N(0, I) is observed
/// through a noisy linear sensor: data set A (12 features) labels Score, a nonlinear function of z; data set B
/// (6 features) labels Flag, the sign of another. The sensors describe the same kind of z, which is what makes a
/// shared hidden layer useful; no example has both inputs or both labels. Training interleaves the two data sets
/// (<see cref="InterleavedBatches{TBatch}"/>). Baselines: the training mean, and the majority class.
/// </summary>
public static class SeparateInputsSystem
{
    public const int DefaultEpochs = 25;
    private const int Latent = 4, SizeA = 12, SizeB = 6, TrainCountA = 3000, TrainCountB = 1200, TestCount = 1000;

    /// <summary>Data set A: input A and Score labels; B and Flag are absent (null) in its batches.</summary>
    private sealed record SetA(Tensor A, Tensor Score)
    {
        public SeparateInputsModel.Batch Batch => new(new SeparateInputsModel.Inputs(A, null), new SeparateInputsModel.Targets(Score, null));
    }

    /// <summary>Data set B: input B and Flag labels only.</summary>
    private sealed record SetB(Tensor B, Tensor Flag)
    {
        public SeparateInputsModel.Batch Batch => new(new SeparateInputsModel.Inputs(null, B), new SeparateInputsModel.Targets(null, Flag));
    }

    public static int Run(SystemOptions options)
    {
        using var owner = new TensorOwner();
        var (trainA, trainB, testA, testB) = Generate(options.Seed, owner);
        AnsiConsole.MarkupLine($"Data set A: {TrainCountA} train / {TestCount} test examples of input A ({SizeA} features) labelled with Score.");
        AnsiConsole.MarkupLine($"Data set B: {TrainCountB} train / {TestCount} test examples of input B ({SizeB} features) labelled with Flag.");

        Reproducibility.Seed(options.Seed);
        using var model = new SeparateInputsModel();
        model.to(options.Device);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var train = new InterleavedBatches<SeparateInputsModel.Batch>(
        [
            new TensorBatches<SeparateInputsModel.Batch>(trainA.Batch, 64, shuffle: true, seed: options.Seed, device: options.Device),
            new TensorBatches<SeparateInputsModel.Batch>(trainB.Batch, 64, shuffle: true, seed: options.Seed + 1, device: options.Device),
        ]);
        var test = new InterleavedBatches<SeparateInputsModel.Batch>(
        [
            new TensorBatches<SeparateInputsModel.Batch>(testA.Batch, 500, device: options.Device),
            new TensorBatches<SeparateInputsModel.Batch>(testB.Batch, 500, device: options.Device),
        ]);
        var metrics = SystemRun.TrainAndTest(model, train, test, optimizer, options.EpochsOr(DefaultEpochs));
        SystemRun.PrintMetrics(metrics);

        double scoreBaseline = SharedLinear.SharedLinearSystem.MeanPredictorMse(trainA.Score, testA.Score);
        double majority;
        using (NewDisposeScope())
            majority = testB.Flag.bincount(null, 2).max().item<long>() / (double)TestCount;
        return SystemRun.Verdict("separate-inputs",
        [
            Check.ErrorBelow("Score MSE", metrics.Score.MeanSquaredError!.Value, "predict the mean", scoreBaseline, 0.3),
            Check.ScoreAbove("Flag accuracy", metrics.Flag.Accuracy!.Value, "majority class", majority, 0.85),
        ]);
    }

    private static (SetA TrainA, SetB TrainB, SetA TestA, SetB TestB) Generate(int seed, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var sensorA = randn(Latent, SizeA, generator: generator) / System.Math.Sqrt(Latent);
        var sensorB = randn(Latent, SizeB, generator: generator) / System.Math.Sqrt(Latent);

        // Each data set draws its own examples: no z is observed by both sensors.
        SetA DrawA(int count)
        {
            var z = randn(count, Latent, generator: generator);
            var a = z.matmul(sensorA) + 0.2 * randn(count, SizeA, generator: generator);
            var score = tanh(z[.., 0] + z[.., 1]) + 0.5 * z[.., 2].square();
            return new SetA(owner.Keep(a), owner.Keep(score.unsqueeze(1)));
        }
        SetB DrawB(int count)
        {
            var z = randn(count, Latent, generator: generator);
            var b = z.matmul(sensorB) + 0.2 * randn(count, SizeB, generator: generator);
            var flag = (z[.., 3] - z[.., 2] + 0.3 * z[.., 0]).gt(0).to_type(ScalarType.Int64);
            return new SetB(owner.Keep(b), owner.Keep(flag));
        }
        return (DrawA(TrainCountA), DrawB(TrainCountB), DrawA(TestCount), DrawB(TestCount));
    }
}
