using System;
using System.IO;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>
/// Nulls (Parquet) and empty cells (CSV) become the runtime's missing labels where the task declares AllowMissing
/// (NaN for floating-point targets, −1 for class indices), and a clear error naming the file, row and column where
/// it does not; an unmapped task is absent from the batch only if it allows missing labels.
/// </summary>
public sealed class MissingValueTests
{
    private static readonly float[][] Features = Enumerable.Range(0, 4).Select(r => new[] { r, 0f, 1f, 2f }).ToArray();
    private static readonly float[][] Tags = Enumerable.Range(0, 4).Select(r => new[] { r % 2f, 1f }).ToArray();

    private static TestColumn[] Columns(long?[] kind, double?[] score, float?[] tag0) =>
    [
        new FloatLists("features", Features),
        new NullableScalars<long>("kind", kind),
        new NullableScalars<double>("score", score),
        new NullableScalars<float>("t0", tag0),
        new Scalars<float>("t1", Tags.Select(t => t[1]).ToArray()),
    ];

    private static void Map(ColumnMap map) => map.Input("Features", "features").Target("Kind", "kind").Target("Score", "score").Target("Tags", "t0", "t1");

    private static void MapCsv(ColumnMap map) => map.Input("Features", "f0", "f1", "f2", "f3").Target("Kind", "kind").Target("Score", "score").Target("Tags", "t0", "t1");

    private static StreamModel.Batch Single<TSource>(StreamingBatches<StreamModel.Batch> source) => source.GetBatches(0).Single();

    [Fact]
    public void Parquet_nulls_become_missing_labels_where_the_task_allows_them()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["a.parquet"], 4, Columns([0, null, 2, null], [0.5, 1.5, null, null], [0, 1, 0, 1]));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], Map, new StreamingOptions { BatchSize = 4 });

        using var scope = NewDisposeScope();
        var batch = source.GetBatches(0).Single();
        Same.Tensor(tensor(new long[] { 0, -1, 2, -1 }), batch.Targets.Kind, "Kind");
        Same.Tensor(tensor(new[] { 0.5f, 1.5f, float.NaN, float.NaN }, [4, 1]), batch.Targets.Score, "Score");
    }

    [Fact]
    public void Csv_empty_cells_become_missing_labels_where_the_task_allows_them()
    {
        using var files = new TempFiles();
        File.WriteAllText(files["a.csv"], "f0,f1,f2,f3,kind,score,t0,t1\n1,2,3,4,,0.25,1,0\n1,2,3,4,2,,0,1\n1,2,3,4,-1,NaN,1,1\n");
        var source = CsvBatches.Open<StreamModel.Batch>([files["a.csv"]], MapCsv, new StreamingOptions { BatchSize = 4 });

        using var scope = NewDisposeScope();
        var batch = source.GetBatches(0).Single();
        Same.Tensor(tensor(new long[] { -1, 2, -1 }), batch.Targets.Kind, "Kind");
        Same.Tensor(tensor(new[] { 0.25f, float.NaN, float.NaN }, [3, 1]), batch.Targets.Score, "Score");
    }

    [Fact]
    public void A_null_where_the_task_does_not_allow_missing_labels_names_file_row_and_column()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["a.parquet"], 2, Columns([0, 1, 2, 0], [0, 1, 2, 3], [0, 1, null, 1]));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], Map, new StreamingOptions { BatchSize = 4 });

        var error = Assert.Throws<StreamingDataException>(() => source.GetBatches(0).ToList());
        Assert.Equal(files["a.parquet"], error.File);
        Assert.Equal(3, error.Row); // the third row: in the second row group, which counts on from the first
        Assert.Equal("t0", error.Column);
        Assert.Equal("Targets.Tags", error.Member);
        Assert.Contains("does not allow missing labels", error.Message);
        Assert.Contains("AllowMissing = true", error.Message);
    }

    [Fact]
    public void An_empty_csv_cell_in_an_input_is_an_error_naming_file_row_and_column()
    {
        using var files = new TempFiles();
        File.WriteAllText(files["a.csv"], "f0,f1,f2,f3,kind,score,t0,t1\n1,2,3,4,0,0,1,0\n1,,3,4,2,1,0,1\n");
        var source = CsvBatches.Open<StreamModel.Batch>([files["a.csv"]], MapCsv, new StreamingOptions { BatchSize = 4 });

        var error = Assert.Throws<StreamingDataException>(() => source.GetBatches(0).ToList());
        Assert.Equal((2L, "f1", "Inputs.Features"), (error.Row, error.Column, error.Member));
        Assert.Contains("input Features cannot have missing values", error.Message);
    }

    [Fact]
    public void A_task_left_out_of_the_map_is_absent_only_if_it_allows_missing_labels()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["a.parquet"], 4, Columns([0, 1, 2, 0], [0, 1, 2, 3], [0, 1, 0, 1]));

        var partial = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]],
            map => map.Input("Features", "features").Target("Tags", "t0", "t1"), new StreamingOptions { BatchSize = 4 });
        using (NewDisposeScope())
        {
            var batch = partial.GetBatches(0).Single();
            Assert.Null(batch.Targets.Kind);
            Assert.Null(batch.Targets.Score);
        }

        var error = Assert.Throws<ArgumentException>(() => ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]],
            map => map.Input("Features", "features").Target("Kind", "kind"), new StreamingOptions { BatchSize = 4 }));
        Assert.Contains("Task Tags is not mapped", error.Message);
        Assert.Contains("AllowMissing = true", error.Message);
    }

    [Fact]
    public void Separate_data_sets_per_task_build_batches_that_lack_the_other_task_and_its_input()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["left.parquet"], 3, new FloatLists("x", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]), new Scalars<float>("sum", [6, 15, 24]));
        var source = ParquetBatches.Open<TwoSourceModel.Batch>([files["left.parquet"]],
            map => map.Input("Left", "x").Target("Sum", "sum"), new StreamingOptions { BatchSize = 3 });

        using var scope = NewDisposeScope();
        var batch = source.GetBatches(0).Single();
        Same.Tensor(tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, [3, 3]), batch.Input.Left, "Left");
        Assert.Null(batch.Input.Right);
        Assert.Null(batch.Targets.Sign);
        Same.Tensor(tensor(new float[] { 6, 15, 24 }, [3, 1]), batch.Targets.Sum, "Sum");
    }

    [Fact]
    public void A_null_list_element_is_a_missing_label_where_allowed_and_an_error_in_an_input()
    {
        using var files = new TempFiles();
        TestColumn[] Columns(float?[] features) =>
        [
            new FloatLists("features", [[1, 2, 3, 4], [1, 2, 3, 4], features]),
            new Scalars<long>("kind", [0, 1, 2]),
            new FloatLists("score", [[0.5f], [null], [2]]),
            new FloatLists("tags", [[0, 1], [1, 0], [1, 1]]),
        ];
        TestFiles.Parquet(files["a.parquet"], 3, Columns([1, 2, 3, 4]));
        TestFiles.Parquet(files["b.parquet"], 3, Columns([1, null, 3, 4]));
        void Map(ColumnMap map) => map.Input("Features", "features").Target("Kind", "kind")
            .Target("Score", ["score"], shape: [1]).Target("Tags", ["tags"], shape: [2]);

        var good = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], Map, new StreamingOptions { BatchSize = 3 });
        using (NewDisposeScope())
            Same.Tensor(tensor(new[] { 0.5f, float.NaN, 2f }, [3, 1]), good.GetBatches(0).Single().Targets.Score, "Score");

        var bad = ParquetBatches.Open<StreamModel.Batch>([files["b.parquet"]], Map, new StreamingOptions { BatchSize = 3 });
        var error = Assert.Throws<StreamingDataException>(() => bad.GetBatches(0).ToList());
        Assert.Equal((3L, "features", "Inputs.Features"), (error.Row, error.Column, error.Member));
        Assert.Contains("input Features cannot have missing values", error.Message);
    }
}
