using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Data;

/// <summary>Mini-batching of an in-memory dataset: coverage, shuffling, dropLast and member checks.</summary>
public sealed class TensorBatchesTests
{
    private static List<long[]> Epoch(TensorBatches<TwoHeadModel.Batch> source, int epoch)
        => source.GetBatches(epoch).Select(IndexedExamples.Indices).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_example_is_served_exactly_once_per_epoch(bool shuffle)
    {
        var source = new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(10), batchSize: 3, shuffle: shuffle, seed: 7);
        Assert.Equal(4, source.BatchCount);
        Assert.Equal(10, source.Count);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            var batches = Epoch(source, epoch);
            Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Length));
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(b => b).Order());
        }
    }

    [Fact]
    public void Without_shuffling_examples_come_in_order()
    {
        var source = new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(7), batchSize: 4);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), Epoch(source, 1).SelectMany(b => b));
        Assert.Equal(Epoch(source, 1).SelectMany(b => b), Epoch(source, 2).SelectMany(b => b));
    }

    [Fact]
    public void Shuffling_is_deterministic_for_seed_and_epoch_and_differs_across_epochs_and_seeds()
    {
        var data = IndexedExamples.Create(32);
        var a = new TensorBatches<TwoHeadModel.Batch>(data, batchSize: 8, shuffle: true, seed: 3);
        var b = new TensorBatches<TwoHeadModel.Batch>(data, batchSize: 8, shuffle: true, seed: 3);
        var other = new TensorBatches<TwoHeadModel.Batch>(data, batchSize: 8, shuffle: true, seed: 4);

        var first = Epoch(a, 1).SelectMany(x => x).ToArray();
        Assert.Equal(first, Epoch(b, 1).SelectMany(x => x));
        Assert.Equal(first, Epoch(a, 1).SelectMany(x => x));           // re-enumerating repeats the epoch
        Assert.NotEqual(first, Epoch(a, 2).SelectMany(x => x));        // the next epoch reshuffles
        Assert.NotEqual(first, Epoch(other, 1).SelectMany(x => x));    // another seed, another order
        Assert.NotEqual(Enumerable.Range(0, 32).Select(i => (long)i), first);
    }

    [Fact]
    public void Shuffling_does_not_depend_on_the_global_seed()
    {
        var source = new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(16), batchSize: 16, shuffle: true, seed: 9);
        Reproducibility.Seed(1);
        var first = Epoch(source, 1)[0];
        Reproducibility.Seed(2);
        Assert.Equal(first, Epoch(source, 1)[0]);
    }

    [Fact]
    public void DropLast_skips_the_short_final_batch()
    {
        var source = new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(10), batchSize: 3, shuffle: true, seed: 1, dropLast: true);
        Assert.Equal(3, source.BatchCount);
        var batches = Epoch(source, 1);
        Assert.Equal([3, 3, 3], batches.Select(b => b.Length));
        Assert.Equal(9, batches.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public void Batches_are_moved_to_the_requested_device()
    {
        var source = new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(5), batchSize: 2, device: TorchDevices.Cpu);
        foreach (var batch in source.GetBatches(1))
        {
            Assert.Equal(DeviceType.CPU, batch.Input.device_type);
            Assert.Equal(DeviceType.CPU, batch.Targets!.Kind.device_type);
        }
    }

    [Fact]
    public void Targets_with_different_example_counts_are_rejected_naming_the_member()
    {
        var data = IndexedExamples.Create(10);
        var broken = data with { Targets = data.Targets! with { Size = data.Targets.Size[..9] } };
        var error = Assert.Throws<TaskDataException>(() => new TensorBatches<TwoHeadModel.Batch>(broken, batchSize: 4));
        Assert.Equal("Size", error.Task);
        Assert.Equal("Targets.Size", error.Member);
        Assert.Contains("9", error.Message);
        Assert.Contains("Targets.Kind has 10", error.Message);
    }

    [Fact]
    public void Input_and_targets_with_different_example_counts_are_rejected_naming_both()
    {
        var data = IndexedExamples.Create(10);
        var broken = data with { Input = data.Input[..8] };
        var error = Assert.Throws<TaskDataException>(() => new TensorBatches<TwoHeadModel.Batch>(broken, batchSize: 4));
        Assert.Equal("Batch.Targets", error.Member);
        Assert.Contains("Batch.Input has 8", error.Message);
        Assert.Contains("10 examples", error.Message);
    }

    [Fact]
    public void A_missing_member_is_rejected_naming_it()
    {
        var data = IndexedExamples.Create(4);
        var broken = data with { Targets = data.Targets! with { Kind = null! } };
        var error = Assert.Throws<TaskDataException>(() => new TensorBatches<TwoHeadModel.Batch>(broken, batchSize: 2));
        Assert.Equal("Targets.Kind", error.Member);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Empty_datasets_and_non_positive_batch_sizes_are_rejected()
    {
        Assert.Throws<System.ArgumentException>(() => new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(0), batchSize: 2));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new TensorBatches<TwoHeadModel.Batch>(IndexedExamples.Create(3), batchSize: 0));
    }
}
