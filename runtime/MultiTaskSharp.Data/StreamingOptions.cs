using System;
using TorchSharp;

namespace MultiTaskSharp.Data;

/// <summary>How a streaming source batches, shuffles, prefetches and shards its rows.</summary>
public sealed record StreamingOptions
{
    /// <summary>Rows per batch; the last batch of a pass may be smaller unless <see cref="DropLast"/>.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Shuffle every epoch: the order of the row groups (Parquet) or files (CSV) is permuted, and rows are drawn at
    /// random from a buffer of <see cref="ShuffleBuffer"/> rows. Deterministic for a <see cref="Seed"/>, epoch and rank.
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>Rows held for shuffling; the memory the source needs grows with it, not with the files.</summary>
    public int ShuffleBuffer { get; init; } = 10_000;

    /// <summary>The shuffling seed.</summary>
    public long Seed { get; init; }

    /// <summary>Batches the background thread prepares ahead of the training loop.</summary>
    public int PrefetchBatches { get; init; } = 4;

    /// <summary>Skip a final batch smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>This process's rank among <see cref="WorldSize"/> (data-parallel training), from 0.</summary>
    public int Rank { get; init; }

    /// <summary>The number of ranks the rows are split between; 1 reads everything.</summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>Where batches are moved; null keeps them on the CPU.</summary>
    public torch.Device? Device { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShuffleBuffer, 1, nameof(ShuffleBuffer));
        ArgumentOutOfRangeException.ThrowIfLessThan(PrefetchBatches, 1, nameof(PrefetchBatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(WorldSize, 1, nameof(WorldSize));
        if (Rank < 0 || Rank >= WorldSize)
            throw new ArgumentOutOfRangeException(nameof(Rank), Rank, $"The rank must be in [0, {WorldSize}) for a world of {WorldSize}.");
    }
}
