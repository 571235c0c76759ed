using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>The prefetch thread lives exactly as long as the enumeration: breaking off an epoch ends it, without a hang.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public async Task Disposing_mid_epoch_stops_the_prefetch_thread()
    {
        using var files = new TempFiles();
        var data = new StreamData(2000);
        TestFiles.Parquet(files["a.parquet"], 100, data.Columns(0, 2000));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = 10, PrefetchBatches = 2, Shuffle = true, ShuffleBuffer = 50 });

        Assert.Equal(0, PrefetchThreads.Running);
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() =>
        {
            using var scope = NewDisposeScope();
            using var batches = source.GetBatches(0).GetEnumerator();
            Assert.True(batches.MoveNext());
            Assert.True(batches.MoveNext());
            // The producer is blocked on the full channel, far from the end of the file.
            Assert.Equal(1, PrefetchThreads.Running);
        });
        await run.WaitAsync(TimeSpan.FromSeconds(60)); // a hang in Dispose fails here with a TimeoutException
        Assert.Equal(0, PrefetchThreads.Running); // Dispose waited for the thread to end
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void An_epoch_read_to_the_end_leaves_no_thread_and_a_second_epoch_reads_again()
    {
        using var files = new TempFiles();
        var data = new StreamData(64);
        TestFiles.Parquet(files["a.parquet"], 16, data.Columns(0, 64));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map, new StreamingOptions { BatchSize = 16 });

        Assert.Equal(Enumerable.Range(0, 64), RowIds.Of(source, 0));
        Assert.Equal(0, PrefetchThreads.Running);
        Assert.Equal(Enumerable.Range(0, 64), RowIds.Of(source, 1));
        Assert.Equal(0, PrefetchThreads.Running);
    }
}
