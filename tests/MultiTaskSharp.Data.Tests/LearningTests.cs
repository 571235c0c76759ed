using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>A tiny model trained from streamed, shuffled Parquet files learns both tasks (judged on held-out rows in memory).</summary>
public sealed class LearningTests(ITestOutputHelper output)
{
    /// <summary>Six features: the label is the arg-max of the first three (chance 1/3), the score a smooth function of the rest.</summary>
    private static (float[][] X, long[] Label, float[] Score) Rows(int count, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 6).Select(_ => (float)Normal()).ToArray()).ToArray();
        var label = x.Select(r => (long)Array.IndexOf(r, r.Take(3).Max())).ToArray();
        var score = x.Select(r => (float)(Math.Sin(r[3]) + 0.5 * r[4] * r[5])).ToArray();
        return (x, label, score);
    }

    [Fact]
    public void A_tiny_model_learns_from_shuffled_parquet_files()
    {
        using var files = new TempFiles();
        var (x, label, score) = Rows(768, seed: 5);
        TestColumn[] Columns(int start, int count) =>
        [
            new FloatLists("x", x.Skip(start).Take(count).ToArray()),
            new Scalars<long>("label", label.Skip(start).Take(count).ToArray()),
            new Scalars<float>("score", score.Skip(start).Take(count).ToArray()),
        ];
        TestFiles.Parquet(files["train-0.parquet"], 64, Columns(0, 256));
        TestFiles.Parquet(files["train-1.parquet"], 64, Columns(256, 256));
        Reproducibility.Seed(2);
        var train = ParquetBatches.Open<StrictModel.Batch>([files["train-0.parquet"], files["train-1.parquet"]],
            map => map.Input("Features", "x").Target("Label", "label").Target("Score", "score"),
            new StreamingOptions { BatchSize = 64, Shuffle = true, ShuffleBuffer = 128, Seed = 2 });
        var validation = new StrictModel.Batch(
            tensor(x.Skip(512).SelectMany(r => r).ToArray(), [256, 6]),
            new StrictModel.Targets(tensor(label.Skip(512).ToArray()), tensor(score.Skip(512).ToArray(), [256, 1])));

        var model = new StrictModel();
        var history = model.Fit(train, optim.Adam(model.parameters(), 0.01), new FitOptions { Epochs = 20 },
            validation: new TensorBatches<StrictModel.Batch>(validation, batchSize: 128));

        var metrics = history.Last.Validation!;
        double variance = validation.Targets.Score.var(unbiased: false).item<float>();
        output.WriteLine($"first epoch {history[0].Train}\nlast epoch {history.Last.Train}\nvalidation {metrics}");
        Assert.Equal(20, history.Count);
        Assert.True(history.Last.Train.Total < 0.5 * history[0].Train.Total, $"training loss {history[0].Train.Total} → {history.Last.Train.Total}");
        Assert.True(metrics.Label.Accuracy > 0.85, $"accuracy {metrics.Label.Accuracy} (chance 1/3)");
        Assert.True(metrics.Score.MeanSquaredError < 0.5 * variance, $"Score MSE {metrics.Score.MeanSquaredError}, variance {variance}");
        Assert.Equal(0, PrefetchThreads.Running);
    }
}
