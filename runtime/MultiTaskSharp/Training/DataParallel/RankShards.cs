using MultiTaskSharp.Generated;
using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// How data-parallel <c>Fit</c> gives each process its share of a batch source: every process enumerates the same
/// (global) batches, so shuffling, interleaving of per-task data sets and partial labels stay exactly what one process
/// sees, and keeps the contiguous rows <c>[r·n/N, (r+1)·n/N)</c> of each. N processes with a source of batch size B
/// thus train like one process with batch size B: the batch size is the global one.
/// </summary>
internal static class RankShards
{
    /// <summary>This process's share of <paramref name="source"/> (a source that shards itself is checked and kept).</summary>
    public static IBatchSource<TBatch> Of<TBatch>(IBatchSource<TBatch> source, ProcessGroup group, string role)
        where TBatch : class, IBatch<TBatch>
    {
        if (source is IRankShardedSource sharded)
        {
            if (sharded.ShardRank != group.Rank || sharded.ShardCount != group.Size)
                throw new ArgumentException(
                    $"The {role} source reads shard {sharded.ShardRank} of {sharded.ShardCount}, but this is process {group.Rank} of {group.Size}; open it with the process group's Rank and Size.");
            return source;
        }
        return new Slices<TBatch>(source, group);
    }

    /// <summary>
    /// The batches of a source that shards itself, for as long as every process still has one (the processes agree
    /// each step, with one reduction of one value), so that no process waits for a step the others never make.
    /// </summary>
    public static IEnumerable<TBatch> InLockstep<TBatch>(IEnumerable<TBatch> batches, ProcessGroup group)
    {
        using var enumerator = batches.GetEnumerator();
        while (true)
        {
            Span<double> ended = [enumerator.MoveNext() ? 0 : 1];
            group.AllReduce(ended);
            if (ended[0] > 0)
                yield break;
            yield return enumerator.Current;
        }
    }

    private sealed class Slices<TBatch>(IBatchSource<TBatch> source, ProcessGroup group) : IBatchSource<TBatch>
        where TBatch : class, IBatch<TBatch>
    {
        public int? BatchCount => source.BatchCount;

        public IEnumerable<TBatch> GetBatches(int epoch)
        {
            int index = 0;
            foreach (var batch in source.GetBatches(epoch))
            {
                index++;
                long count = batch.Count;
                if (count < group.Size)
                    throw new TaskDataException("Batch", "Batch",
                        $"batch {index} of epoch {epoch} has {count} example(s), fewer than the {group.Size} processes training together, so some would get none; use a batch size of at least {group.Size} and drop a smaller last batch (dropLast).");
                long start = group.Rank * count / group.Size;
                long end = (group.Rank + 1) * count / group.Size;
                yield return batch.Index(arange(start, end, dtype: ScalarType.Int64));
            }
        }
    }
}
