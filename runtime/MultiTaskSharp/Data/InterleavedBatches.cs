using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// One pass over several data sets of different sizes, one per task (or group of tasks): every batch of every source,
/// in an order that mixes them evenly. Each source yields batches that label only its own tasks and supply only the
/// inputs those read; the rest is null (tasks declared with <c>AllowMissing</c>). Two tasks with separate inputs can
/// so be trained from two separate data sets.
/// </summary>
/// <remarks>
/// The order is deterministic for a seed and an epoch: the sources are interleaved in proportion to their batch
/// counts (the next batch comes from the source that is furthest behind its share), so a small data set is spread
/// over the pass rather than used up at its start. With <c>shuffle</c> the order of equally-behind sources is drawn
/// from the seed instead of taken in declaration order.
/// </remarks>
public sealed class InterleavedBatches<TBatch> : IBatchSource<TBatch>
{
    private readonly IBatchSource<TBatch>[] _sources;
    private readonly bool _shuffle;
    private readonly long _seed;

    /// <param name="sources">The data sets, each a batch source that knows its batch count.</param>
    /// <param name="shuffle">Break ties between sources at random (seeded) rather than in order.</param>
    /// <param name="seed">The seed of the tie-breaking.</param>
    public InterleavedBatches(IEnumerable<IBatchSource<TBatch>> sources, bool shuffle = false, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources.ToArray();
        if (_sources.Length == 0)
            throw new ArgumentException("Interleaving needs at least one source.", nameof(sources));
        for (int i = 0; i < _sources.Length; i++)
        {
            if (_sources[i] is null)
                throw new ArgumentException($"Source #{i} is null.", nameof(sources));
            if (_sources[i].BatchCount is not int count || count < 1)
                throw new ArgumentException($"Source #{i} does not say how many batches it has ({_sources[i].BatchCount}); interleaving in proportion needs it.", nameof(sources));
        }
        _shuffle = shuffle;
        _seed = seed;
    }

    /// <inheritdoc />
    public int? BatchCount => _sources.Sum(s => s.BatchCount!.Value);

    /// <inheritdoc />
    public IEnumerable<TBatch> GetBatches(int epoch)
    {
        var counts = _sources.Select(s => s.BatchCount!.Value).ToArray();
        int total = counts.Sum();
        var taken = new int[_sources.Length];
        var random = new Random(unchecked((int)(_seed * 397 ^ epoch)));
        var enumerators = new IEnumerator<TBatch>?[_sources.Length];
        try
        {
            for (int step = 0; step < total; step++)
            {
                int next = Furthest(counts, taken, step + 1, total, random);
                var enumerator = enumerators[next] ??= _sources[next].GetBatches(epoch).GetEnumerator();
                if (!enumerator.MoveNext())
                    throw new InvalidOperationException($"Source #{next} ended after {taken[next]} of the {counts[next]} batches it announced.");
                taken[next]++;
                yield return enumerator.Current;
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
                enumerator?.Dispose();
        }
    }

    /// <summary>The source with batches left that is furthest behind its proportional share after <paramref name="step"/> batches.</summary>
    private int Furthest(int[] counts, int[] taken, int step, int total, Random random)
    {
        int best = -1;
        double bestDeficit = double.NegativeInfinity;
        var order = Enumerable.Range(0, counts.Length).ToArray();
        if (_shuffle)
            random.Shuffle(order);
        foreach (int i in order)
        {
            if (taken[i] >= counts[i])
                continue;
            double deficit = (double)counts[i] * step / total - taken[i];
            if (deficit > bestDeficit + 1e-12)
                (best, bestDeficit) = (i, deficit);
        }
        return best;
    }
}
