using System.Diagnostics;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>Every strategy trains the dense seed model (a classification and a regression head on a shared body).</summary>
public sealed class StrategyTrainingTests(ITestOutputHelper output)
{
    public static Strategies.TheoryDataOf Names => Strategies.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void The_strategy_trains_the_dense_model(string name)
    {
        Reproducibility.Seed(21);
        var (data, _) = DenseData.Create(256, 1);
        var model = new DenseModel { LossWeighting = Strategies.All[name]() };
        var optimizer = optim.Adam(model.parameters(), 0.01);
        var before = model.Evaluate([data]);

        var clock = Stopwatch.StartNew();
        var history = model.Fit(new TensorBatches<DenseModel.Batch>(data, batchSize: 64, shuffle: true, seed: 5), optimizer, new FitOptions { Epochs = 8 });
        var after = model.Evaluate([data]);

        output.WriteLine($"{name}: label loss {before.Label.Loss:F3} → {after.Label.Loss:F3}, score loss {before.Score.Loss:F3} → {after.Score.Loss:F3} " +
            $"in {clock.ElapsedMilliseconds} ms; final weights [{string.Join(", ", history.Last.LossWeights!)}]");
        // Clearly learning: the two losses together fall to under a third, and each task improves by a quarter at least
        // (strategies may favour one task: GLS weighs the smaller regression loss up).
        double start = before.Label.Loss + before.Score.Loss, end = after.Label.Loss + after.Score.Loss;
        Assert.True(end < start / 3, $"{name}: the sum of the task losses fell from {start:F4} to {end:F4} only.");
        Assert.True(after.Label.Loss < 0.75 * before.Label.Loss, $"{name}: the label loss fell from {before.Label.Loss:F4} to {after.Label.Loss:F4} only.");
        Assert.True(after.Score.Loss < 0.75 * before.Score.Loss, $"{name}: the score loss fell from {before.Score.Loss:F4} to {after.Score.Loss:F4} only.");
    }
}
