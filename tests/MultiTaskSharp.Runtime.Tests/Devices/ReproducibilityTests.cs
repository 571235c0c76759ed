using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Devices;

/// <summary>Runs repeat exactly for one seed (on one machine) and differ across seeds.</summary>
public sealed class ReproducibilityTests
{
    /// <summary>Seeds, builds and trains a model; returns the loss of every step and every epoch's mean.</summary>
    private static double[] Run(long seed)
    {
        Reproducibility.Seed(seed);
        var model = new TwoHeadModel();
        var optimizer = optim.Adam(model.parameters(), 0.01);
        var source = new TensorBatches<TwoHeadModel.Batch>(TwoHeadData.Create(48), batchSize: 16, shuffle: true, seed: 5);
        var progress = new RecordingProgress();
        var history = model.Fit(source, optimizer, new FitOptions { Epochs = 3 }, progress: progress);
        return progress.Reports.Select(r => r.Loss)
            .Concat(history.SelectMany(e => new[] { e.Train.Total, e.Train.Kind, e.Train.Size }))
            .ToArray();
    }

    [Fact]
    public void The_same_seed_gives_identical_loss_histories()
        => Assert.Equal(Run(42), Run(42));

    [Fact]
    public void Different_seeds_give_different_loss_histories()
    {
        var a = Run(42);
        var b = Run(43);
        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a[0], b[0]); // already the first step differs: the initial weights do
    }

    [Fact]
    public void Seeding_repeats_random_tensors()
    {
        Reproducibility.Seed(7);
        var first = rand(5);
        Reproducibility.Seed(7);
        Assert.True(first.eq(rand(5)).all().item<bool>());
    }
}
