using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Data.Tests;

/// <summary>
/// Per-rank sharding: in every epoch the ranks read disjoint rows, the same number of rows and batches each, and
/// together every row but fewer than WorldSize (the remainder of the division), with or without shuffling.
/// </summary>
public sealed class ShardTests
{
    private const int Rows = 100;

    private static StreamingBatches<StreamModel.Batch> Open(TempFiles files, int rank, int worldSize, bool shuffle)
        => ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"], files["b.parquet"], files["c.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = 8, Shuffle = shuffle, ShuffleBuffer = 16, Seed = 11, Rank = rank, WorldSize = worldSize });

    [Theory]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Ranks_read_disjoint_equal_shares_that_cover_the_epoch(int worldSize, bool shuffle)
    {
        using var files = new TempFiles();
        var data = new StreamData(Rows);
        TestFiles.Parquet(files["a.parquet"], 9, data.Columns(0, 45));
        TestFiles.Parquet(files["b.parquet"], 20, data.Columns(45, 40));
        TestFiles.Parquet(files["c.parquet"], 15, data.Columns(85, 15));

        var ranks = Enumerable.Range(0, worldSize).Select(r => Open(files, r, worldSize, shuffle)).ToList();
        int share = Rows / worldSize;
        Assert.All(ranks, r => Assert.Equal(share, r.RowsPerRank));
        Assert.All(ranks, r => Assert.Equal((share + 7) / 8, r.BatchCount));
        var epochs = new List<HashSet<int>>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var seen = new HashSet<int>();
            foreach (var rank in ranks)
            {
                var rows = RowIds.Of(rank, epoch);
                Assert.Equal(share, rows.Count);
                Assert.Equal(rank.BatchCount, (rows.Count + 7) / 8);
                foreach (int row in rows)
                    Assert.True(seen.Add(row), $"epoch {epoch}: row {row} read by two ranks");
            }
            Assert.Equal(Rows - Rows % worldSize, seen.Count);
            Assert.All(seen, row => Assert.InRange(row, 0, Rows - 1));
            epochs.Add(seen);
        }
        if (shuffle && Rows % worldSize != 0)
            Assert.False(epochs[0].SetEquals(epochs[1]), "the rows left out should change with the epoch's unit order");
    }
}
