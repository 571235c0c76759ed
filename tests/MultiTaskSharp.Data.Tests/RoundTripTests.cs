using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>
/// Streaming the same rows from files gives exactly the batches TensorBatches gives from memory: same order (no
/// shuffling), same tensors, dtypes and shapes, across several files and uneven row groups.
/// </summary>
public sealed class RoundTripTests
{
    private const int BatchSize = 7;

    private static void AssertSameAsInMemory(StreamData data, StreamingBatches<StreamModel.Batch> source)
    {
        var expected = new TensorBatches<StreamModel.Batch>(data.InMemory(), BatchSize);
        Assert.Equal(expected.BatchCount, source.BatchCount);
        using var scope = NewDisposeScope();
        var streamed = source.GetBatches(0).ToList();
        var reference = expected.GetBatches(0).ToList();
        Assert.Equal(reference.Count, streamed.Count);
        for (int b = 0; b < reference.Count; b++)
            Same.Batch(reference[b], streamed[b], $"batch {b}");
    }

    [Fact]
    public void Parquet_scalar_columns_from_several_files_equal_the_in_memory_batches()
    {
        using var files = new TempFiles();
        var data = new StreamData(50);
        TestFiles.Parquet(files["a.parquet"], rowGroupRows: 8, data.Columns(0, 30));
        TestFiles.Parquet(files["b.parquet"], rowGroupRows: 13, data.Columns(30, 20));

        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"], files["b.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = BatchSize });

        Assert.Equal(50, source.TotalRows);
        AssertSameAsInMemory(data, source);
    }

    [Fact]
    public void Parquet_list_columns_and_other_numeric_types_fill_the_declared_shapes_and_dtypes()
    {
        using var files = new TempFiles();
        var data = new StreamData(30);
        // Features and tags as list columns; the class as int32 and the score as float: converted to int64 and float32.
        TestFiles.Parquet(files["lists.parquet"], rowGroupRows: 11,
            new FloatLists("features", data.Features),
            new Scalars<int>("kind", data.Kind.Select(k => (int)k).ToArray()),
            new Scalars<float>("score", data.Score.Select(s => (float)s).ToArray()),
            new FloatLists("tags", data.Tags));

        var source = ParquetBatches.Open<StreamModel.Batch>([files["lists.parquet"]],
            map => map.Input("Features", "features").Target("Kind", "kind").Target("Score", "score").Target("Tags", ["tags"], shape: [2]),
            new StreamingOptions { BatchSize = BatchSize });

        AssertSameAsInMemory(data, source);
    }

    [Fact]
    public void Csv_files_equal_the_in_memory_batches()
    {
        using var files = new TempFiles();
        var data = new StreamData(40);
        TestFiles.Csv(files["a.csv"], data.Columns(0, 25));
        TestFiles.Csv(files["b.csv"], data.Columns(25, 15));

        var source = CsvBatches.Open<StreamModel.Batch>([files["a.csv"], files["b.csv"]], StreamData.Map,
            new StreamingOptions { BatchSize = BatchSize });

        AssertSameAsInMemory(data, source);
    }

    [Fact]
    public void Drop_last_skips_the_smaller_final_batch_and_counts_it_out()
    {
        using var files = new TempFiles();
        var data = new StreamData(30);
        TestFiles.Parquet(files["a.parquet"], rowGroupRows: 30, data.Columns(0, 30));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = 8, DropLast = true });

        using var scope = NewDisposeScope();
        var batches = source.GetBatches(0).ToList();
        Assert.Equal(3, source.BatchCount);
        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.Equal(8, b.Input.shape[0]));
    }

    [Fact]
    public void Batches_are_moved_to_the_requested_device_and_freed_with_the_step_scope()
    {
        using var files = new TempFiles();
        var data = new StreamData(20);
        TestFiles.Parquet(files["a.parquet"], rowGroupRows: 20, data.Columns(0, 20));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map,
            new StreamingOptions { BatchSize = 5, Device = CPU });

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        int batches = 0;
        foreach (var batch in MultiTaskSharp.Generated.ScopedBatches.Of(source.GetBatches(0)))
        {
            Assert.Equal(DeviceType.CPU, batch.Input.device_type);
            batches++;
        }
        Assert.Equal(4, batches);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
