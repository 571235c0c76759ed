namespace MultiTaskSharp;

/// <summary>
/// A batch source that already reads only one process's share of the data (a streaming source opened with a rank and
/// a number of processes). Data-parallel <c>Fit</c> uses its batches as they are instead of slicing every batch, and
/// stops an epoch as soon as one process's share runs out, so every process makes the same number of steps.
/// </summary>
public interface IRankShardedSource
{
    /// <summary>The process whose share this source reads, from 0.</summary>
    int ShardRank { get; }

    /// <summary>The number of processes the data is split between.</summary>
    int ShardCount { get; }
}
