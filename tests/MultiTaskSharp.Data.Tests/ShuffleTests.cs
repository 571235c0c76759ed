using System.Linq;
using Xunit;

namespace MultiTaskSharp.Data.Tests;

/// <summary>
/// Shuffling within a bounded buffer: each epoch is a permutation of the rows, no row leaves more than the buffer's
/// size ahead of where it arrived, and the order is a function of the seed and the epoch.
/// </summary>
public sealed class ShuffleTests
{
    private const int Rows = 300;
    private const int Buffer = 20;

    private static StreamingBatches<StreamModel.Batch> Open(TempFiles files, long seed, int rowGroupRows = Rows) 
    {
        if (!System.IO.File.Exists(files["a.parquet"]))
            TestFiles.Parquet(files["a.parquet"], rowGroupRows, new StreamData(Rows).Columns(0, Rows));
        return ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = 16, Shuffle = true, ShuffleBuffer = Buffer, Seed = seed });
    }

    [Fact]
    public void Each_epoch_is_a_permutation_in_which_no_row_moves_ahead_by_more_than_the_buffer()
    {
        using var files = new TempFiles();
        var source = Open(files, seed: 7); // one row group: the unit order cannot move rows, only the buffer can
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var order = RowIds.Of(source, epoch);
            Assert.Equal(Enumerable.Range(0, Rows), order.Order());
            for (int position = 0; position < order.Count; position++)
                Assert.True(order[position] <= position + Buffer, $"epoch {epoch}: row {order[position]} delivered at {position}, more than {Buffer} early");
            Assert.NotEqual(Enumerable.Range(0, Rows), order);
            // Shuffled, not merely delayed: many rows leave the buffer well out of arrival order.
            int displaced = order.Select((row, position) => System.Math.Abs(row - position)).Count(d => d > Buffer / 4);
            Assert.True(displaced > Rows / 4, $"epoch {epoch}: only {displaced} rows displaced");
        }
    }

    [Fact]
    public void The_order_is_deterministic_for_a_seed_and_epoch_and_changes_with_either()
    {
        using var files = new TempFiles();
        var first = Open(files, seed: 3, rowGroupRows: 50);
        var again = Open(files, seed: 3);
        var other = Open(files, seed: 4);

        Assert.Equal(RowIds.Of(first, 0), RowIds.Of(again, 0));
        Assert.Equal(RowIds.Of(first, 5), RowIds.Of(again, 5));
        Assert.NotEqual(RowIds.Of(first, 0), RowIds.Of(first, 1));
        Assert.NotEqual(RowIds.Of(first, 0), RowIds.Of(other, 0));
        Assert.Equal(Enumerable.Range(0, Rows), RowIds.Of(first, 1).Order());
    }
}
