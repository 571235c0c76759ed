using System;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace SeedSystems.DenseTwoOutputs;

/// <summary>
/// Data: x ~ N(0, I₈). The class comes from thresholds on a nonlinear score s(x) set at its 80 % and
/// 95 % quantiles, so the classes are imbalanced 80 / 15 / 5. The amount is a smooth nonlinear function
/// of x plus noise. Baselines: the majority class, and the training mean.
/// </summary>
public static class DenseTwoOutputsSystem
{
    public const int DefaultEpochs = 30;
    private const int Features = 8, TrainCount = 4000, TestCount = 2000;

    private sealed record Split(Tensor X, Tensor Category, Tensor Amount)
    {
        public DenseTwoOutputsModel.Batch Batch => new(X, new DenseTwoOutputsModel.Targets(Category, Amount));
    }

    public static int Run(SystemOptions options)
    {
        using var owner = new TensorOwner();
        var (train, test) = Generate(options.Seed, owner);
        var counts = ClassCounts(train.Category);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{TrainCount} train / {TestCount} test examples. Training classes: {string.Join(" / ", counts)} ({string.Join(" / ", counts.Select(c => (100.0 * c / TrainCount).ToString("F0", CultureInfo.InvariantCulture) + " %"))}) — imbalanced on purpose."));

        Reproducibility.Seed(options.Seed);
        using var model = new DenseTwoOutputsModel();
        model.to(options.Device);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var metrics = SystemRun.TrainAndTest(model,
            new TensorBatches<DenseTwoOutputsModel.Batch>(train.Batch, 64, shuffle: true, seed: options.Seed, device: options.Device),
            new TensorBatches<DenseTwoOutputsModel.Batch>(test.Batch, 1000, device: options.Device),
            optimizer, options.EpochsOr(DefaultEpochs));
        SystemRun.PrintMetrics(metrics);

        // Always predicting the majority class scores its share as accuracy but F1 = 0 on the other classes.
        var testCounts = ClassCounts(test.Category);
        double majorityShare = (double)testCounts.Max() / testCounts.Sum();
        double majorityMacroF1 = 2 * majorityShare / (1 + majorityShare) / testCounts.Count(c => c > 0);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]The imbalance challenge: always answering the majority class already scores accuracy {majorityShare:F3} but macro-F1 only {majorityMacroF1:F3}; macro-F1 shows whether the rare classes were learned.[/]"));

        double amountBaseline = SharedLinear.SharedLinearSystem.MeanPredictorMse(train.Amount, test.Amount);
        return SystemRun.Verdict("dense-two-outputs",
        [
            Check.ScoreAbove("Category accuracy", metrics.Category.Accuracy!.Value, "majority class", majorityShare, 0.9),
            Check.ScoreAbove("Category macro-F1", metrics.Category.MacroF1!.Value, "majority class", majorityMacroF1, 0.75),
            Check.ErrorBelow("Amount MSE", metrics.Amount.MeanSquaredError!.Value, "predict the mean", amountBaseline, 0.2),
        ]);
    }

    private static (Split Train, Split Test) Generate(int seed, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var trainX = randn(TrainCount, Features, generator: generator);
        var testX = randn(TestCount, Features, generator: generator);
        // Thresholds from the training scores only, so the test set is labelled by the same rule.
        var thresholds = quantile(Score(trainX), tensor(new[] { 0.80f, 0.95f }));

        Split Label(Tensor x)
        {
            var category = bucketize(Score(x), thresholds); // 0, 1 or 2 (int64)
            var amount = 2 * sin(x[.., 0]) + x[.., 1] * x[.., 3] - 0.5 * x[.., 4].abs() + 0.1 * randn(x.shape[0], generator: generator);
            return new Split(owner.Keep(x), owner.Keep(category), owner.Keep(amount.unsqueeze(1)));
        }
        return (Label(trainX), Label(testX));
    }

    private static Tensor Score(Tensor x) => x[.., 0] + 0.8 * x[.., 1] * x[.., 2] + 0.5 * sin(2 * x[.., 3]);

    private static long[] ClassCounts(Tensor category)
    {
        using var scope = NewDisposeScope();
        return category.bincount(null, 3).data<long>().ToArray();
    }
}
