using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Data;

/// <summary>Rows [<see cref="First"/>, <see cref="First"/> + <see cref="Count"/>) of a unit, counted within it.</summary>
internal readonly record struct UnitSlice(RowUnit Unit, long First, long Count);

/// <summary>
/// Splits every epoch between the ranks. The units (row groups or files) are put in the epoch's order (the same on
/// every rank: shuffled from the seed and epoch alone) and read as one sequence of rows; rank r takes the r-th of
/// <c>WorldSize</c> equal contiguous runs of it. Every rank so gets exactly <see cref="RowsPerRank"/> rows and the
/// same number of batches, the ranks' rows are disjoint, and together they cover the epoch except the last
/// <c>TotalRows mod WorldSize</c> rows of its order (fewer than the number of ranks, and different rows each epoch
/// when shuffling), which no rank reads. Each rank opens only the units its run touches.
/// </summary>
internal sealed class Shards
{
    private readonly IReadOnlyList<RowUnit> _units;
    private readonly bool _shuffle;
    private readonly long _seed;
    private readonly int _worldSize;

    public Shards(IReadOnlyList<RowUnit> units, bool shuffle, long seed, int worldSize)
    {
        _units = units;
        _shuffle = shuffle;
        _seed = seed;
        _worldSize = worldSize;
        TotalRows = units.Sum(u => u.Rows);
        RowsPerRank = TotalRows / worldSize;
    }

    public long TotalRows { get; }

    public long RowsPerRank { get; }

    /// <summary>The slices rank <paramref name="rank"/> reads in epoch <paramref name="epoch"/>, in order.</summary>
    public List<UnitSlice> For(int epoch, int rank)
    {
        var order = Enumerable.Range(0, _units.Count).ToArray();
        if (_shuffle)
            new Random(Seeds.Of(_seed, epoch, stream: -1)).Shuffle(order);
        long start = rank * RowsPerRank, end = start + RowsPerRank;
        var slices = new List<UnitSlice>();
        long position = 0;
        foreach (int u in order)
        {
            var unit = _units[u];
            long from = Math.Max(start, position), to = Math.Min(end, position + unit.Rows);
            if (from < to)
                slices.Add(new UnitSlice(unit, from - position, to - from));
            position += unit.Rows;
            if (position >= end)
                break;
        }
        return slices;
    }
}
