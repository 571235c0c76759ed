using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SeedSystems.SeparateInputs;

/// <summary>
/// Data: a hidden 4-dimensional state z ~ N(0, I) per example is observed twice, through two different
/// noisy linear sensors: A (12 features) and B (6 features). Score (from A) is a nonlinear function of z;
/// Flag (from B) is the sign of another. Both inputs describe the same z, which is what makes a shared
/// hidden layer useful. Baselines: the training mean, and the majority class.
/// </summary>
public static class SeparateInputsSystem
{
    public const int DefaultEpochs = 25;
    private const int Latent = 4, SizeA = 12, SizeB = 6, TrainCount = 3000, TestCount = 1000;

    private sealed record Split(Tensor A, Tensor B, Tensor Score, Tensor Flag)
    {
        // The generated Inputs record carries one tensor per named input; Targets one per task.
        public SeparateInputsModel.Batch Batch => new(new SeparateInputsModel.Inputs(A, B), new SeparateInputsModel.Targets(Score, Flag));
    }

    public static int Run(SystemOptions options)
    {
        using var owner = new TensorOwner();
        var (train, test) = Generate(options.Seed, owner);
        AnsiConsole.MarkupLine($"{TrainCount} train / {TestCount} test examples; input A has {SizeA} features, input B {SizeB}.");

        Reproducibility.Seed(options.Seed);
        using var model = new SeparateInputsModel();
        model.to(options.Device);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var metrics = SystemRun.TrainAndTest(model,
            new TensorBatches<SeparateInputsModel.Batch>(train.Batch, 64, shuffle: true, seed: options.Seed, device: options.Device),
            new TensorBatches<SeparateInputsModel.Batch>(test.Batch, 500, device: options.Device),
            optimizer, options.EpochsOr(DefaultEpochs));
        SystemRun.PrintMetrics(metrics);

        double scoreBaseline = SharedLinear.SharedLinearSystem.MeanPredictorMse(train.Score, test.Score);
        double majority;
        using (NewDisposeScope())
            majority = test.Flag.bincount(null, 2).max().item<long>() / (double)TestCount;
        return SystemRun.Verdict("separate-inputs",
        [
            Check.ErrorBelow("Score MSE", metrics.Score.MeanSquaredError!.Value, "predict the mean", scoreBaseline, 0.3),
            Check.ScoreAbove("Flag accuracy", metrics.Flag.Accuracy!.Value, "majority class", majority, 0.85),
        ]);
    }

    private static (Split Train, Split Test) Generate(int seed, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var sensorA = randn(Latent, SizeA, generator: generator) / System.Math.Sqrt(Latent);
        var sensorB = randn(Latent, SizeB, generator: generator) / System.Math.Sqrt(Latent);

        Split Draw(int count)
        {
            var z = randn(count, Latent, generator: generator);
            var a = z.matmul(sensorA) + 0.2 * randn(count, SizeA, generator: generator);
            var b = z.matmul(sensorB) + 0.2 * randn(count, SizeB, generator: generator);
            var score = tanh(z[.., 0] + z[.., 1]) + 0.5 * z[.., 2].square();
            var flag = (z[.., 3] - z[.., 2] + 0.3 * z[.., 0]).gt(0).to_type(ScalarType.Int64);
            return new Split(owner.Keep(a), owner.Keep(b), owner.Keep(score.unsqueeze(1)), owner.Keep(flag));
        }
        return (Draw(TrainCount), Draw(TestCount));
    }
}
