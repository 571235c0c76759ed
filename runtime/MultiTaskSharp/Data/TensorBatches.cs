using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Serves an in-memory dataset (every example in one <typeparamref name="TBatch"/>) as mini-batches,
/// optionally reshuffled every epoch from a fixed seed, and moved to a device batch by batch.
/// </summary>
public sealed class TensorBatches<TBatch> : IBatchSource<TBatch> where TBatch : IBatch<TBatch>
{
    private readonly TBatch _all;
    private readonly long _count;

    /// <param name="all">Every example. Its tensors stay on their device; batches are copied to <paramref name="device"/>.</param>
    /// <param name="batchSize">Examples per batch; the last batch may be smaller unless <paramref name="dropLast"/>.</param>
    /// <param name="shuffle">Draw a new permutation each epoch (deterministic for a given seed and epoch).</param>
    /// <param name="seed">The shuffling seed.</param>
    /// <param name="device">Where batches are moved; null keeps them where <paramref name="all"/> lives.</param>
    /// <param name="dropLast">Skip a final batch smaller than <paramref name="batchSize"/>.</param>
    public TensorBatches(TBatch all, int batchSize, bool shuffle = false, long seed = 0, torch.Device? device = null, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _all = all;
        _count = all.Count; // validates that every member has the same number of examples
        if (_count == 0)
            throw new ArgumentException("The dataset has no examples.", nameof(all));
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        Device = device;
        DropLast = dropLast;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch draws a new permutation.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffling seed.</summary>
    public long Seed { get; }

    /// <summary>Where batches are moved, or null.</summary>
    public torch.Device? Device { get; }

    /// <summary>Whether a final, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of examples.</summary>
    public long Count => _count;

    /// <inheritdoc />
    public int? BatchCount => (int)(DropLast ? _count / BatchSize : (_count + BatchSize - 1) / BatchSize);

    /// <inheritdoc />
    public IEnumerable<TBatch> GetBatches(int epoch)
    {
        // Each batch lives in the dispose scope of the step that consumes it, but the permutation
        // must outlive every step of the pass: it is detached from all scopes and disposed here.
        using var order = CreateOrder(epoch).DetachFromDisposeScope();
        int batches = BatchCount!.Value;
        for (int b = 0; b < batches; b++)
        {
            long start = (long)b * BatchSize;
            long length = Math.Min(BatchSize, _count - start);
            var indices = order.narrow(0, start, length);
            var batch = _all.Index(indices);
            yield return Device is null ? batch : batch.To(Device);
        }
    }

    // SplitMix64 of the pair, so distinct (seed, epoch) pairs do not collide the way seed * k + epoch can.
    private static ulong EpochSeed(long seed, int epoch)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private torch.Tensor CreateOrder(int epoch)
    {
        if (!Shuffle)
            return torch.arange(_count, dtype: torch.int64);
        using var generator = new torch.Generator(EpochSeed(Seed, epoch));
        return torch.randperm(_count, generator: generator, dtype: torch.int64);
    }
}
