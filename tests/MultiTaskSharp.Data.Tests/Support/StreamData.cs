using System;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>Deterministic rows for StreamModel: four features, a class, a score and two tags per row.</summary>
internal sealed class StreamData
{
    public StreamData(int rows, int seed = 1)
    {
        var random = new Random(seed);
        Features = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)Math.Round(random.NextDouble() * 4 - 2, 3)).ToArray()).ToArray();
        Kind = Enumerable.Range(0, rows).Select(_ => (long)random.Next(3)).ToArray();
        Score = Enumerable.Range(0, rows).Select(r => (double)r).ToArray(); // the row's index: lets tests follow rows
        Tags = Enumerable.Range(0, rows).Select(_ => new[] { (float)random.Next(2), (float)random.Next(2) }).ToArray();
    }

    public float[][] Features { get; }

    public long[] Kind { get; }

    public double[] Score { get; }

    public float[][] Tags { get; }

    public int Rows => Kind.Length;

    /// <summary>Rows [start, start + count) as scalar columns f0..f3, kind, score, t0, t1.</summary>
    public TestColumn[] Columns(int start, int count) =>
    [
        .. Enumerable.Range(0, 4).Select(j => new Scalars<float>("f" + j, Features.Skip(start).Take(count).Select(f => f[j]).ToArray())),
        new Scalars<long>("kind", Kind.Skip(start).Take(count).ToArray()),
        new Scalars<double>("score", Score.Skip(start).Take(count).ToArray()),
        new Scalars<float>("t0", Tags.Skip(start).Take(count).Select(t => t[0]).ToArray()),
        new Scalars<float>("t1", Tags.Skip(start).Take(count).Select(t => t[1]).ToArray()),
    ];

    /// <summary>Every row as one in-memory batch, as a user would build it for TensorBatches.</summary>
    public StreamModel.Batch InMemory() => new(
        tensor(Features.SelectMany(f => f).ToArray(), [Rows, 4]),
        new StreamModel.Targets(
            tensor(Kind, [Rows]),
            tensor(Score.Select(s => (float)s).ToArray(), [Rows, 1]),
            tensor(Tags.SelectMany(t => t).ToArray(), [Rows, 2])));

    public static void Map(ColumnMap map) => map
        .Input("Features", "f0", "f1", "f2", "f3")
        .Target("Kind", "kind")
        .Target("Score", "score")
        .Target("Tags", "t0", "t1");
}
