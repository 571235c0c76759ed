using System;
using System.IO;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

/// <summary>
/// Bad data fails with the file, row and column, the expected and the actual value: when the source is opened for
/// what can be checked up front (columns, types, mapping), and through the prefetch thread for values, after the
/// batches before the bad row were delivered.
/// </summary>
public sealed class BadDataTests
{
    [Fact]
    public void A_bad_row_read_on_the_prefetch_thread_reaches_the_consumer_with_file_row_and_column()
    {
        using var files = new TempFiles();
        var data = new StreamData(40);
        var columns = data.Columns(0, 40);
        // Row 34 (in the fourth row group of ten) has no tag, and Tags does not allow missing labels.
        columns[6] = new NullableScalars<float>("t0", data.Tags.Select((t, r) => r == 33 ? (float?)null : t[0]).ToArray());
        TestFiles.Parquet(files["a.parquet"], rowGroupRows: 10, columns);
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map, new StreamingOptions { BatchSize = 10, PrefetchBatches = 1 });

        int delivered = 0;
        var error = Assert.Throws<StreamingDataException>(() =>
        {
            using var scope = NewDisposeScope();
            foreach (var _ in source.GetBatches(0))
                delivered++;
        });
        Assert.Equal(3, delivered); // rows 1-30 arrived before the error of row 34
        Assert.Equal((files["a.parquet"], 34L, "t0", "Targets.Tags"), (error.File, error.Row, error.Column, error.Member));
        Assert.Contains("expected a number but found a missing value (null or empty); task Tags does not allow missing labels", error.Message);
        Assert.Contains(nameof(CellWriter), error.StackTrace); // the producer's stack, not the rethrow site's
        Assert.Equal(0, PrefetchThreads.Running);
    }

    [Fact]
    public void A_text_in_a_csv_number_column_names_the_file_row_column_and_text()
    {
        using var files = new TempFiles();
        var rows = Enumerable.Range(0, 40).Select(r => $"{r},0,0,0,{(r == 33 ? "cat" : "1")},{r},1,0");
        File.WriteAllText(files["a.csv"], "f0,f1,f2,f3,kind,score,t0,t1\n" + string.Join("\n", rows) + "\n");
        var source = CsvBatches.Open<StreamModel.Batch>([files["a.csv"]], StreamData.Map, new StreamingOptions { BatchSize = 10 });

        var error = Assert.Throws<StreamingDataException>(() => source.GetBatches(0).ToList());
        Assert.Equal((files["a.csv"], 34L, "kind", "Targets.Kind"), (error.File, error.Row, error.Column, error.Member));
        Assert.Contains("expected a class index (an integer ≥ 0) but found 'cat'", error.Message);
    }

    [Fact]
    public void A_fractional_class_index_and_a_negative_one_without_AllowMissing_are_errors()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["a.parquet"], 2, new FloatLists("x", [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]),
            new Scalars<double>("label", [1, 2.5]), new Scalars<float>("score", [0, 1]));
        var source = ParquetBatches.Open<StrictModel.Batch>([files["a.parquet"]],
            map => map.Input("Features", "x").Target("Label", "label").Target("Score", "score"), new StreamingOptions { BatchSize = 2 });
        var error = Assert.Throws<StreamingDataException>(() => source.GetBatches(0).ToList());
        Assert.Equal((2L, "label"), (error.Row, error.Column));
        Assert.Contains("but found 2.5", error.Message);

        File.WriteAllText(files["b.csv"], "x0,x1,x2,x3,x4,x5,label,score\n0,0,0,0,0,0,-1,0\n");
        var csv = CsvBatches.Open<StrictModel.Batch>([files["b.csv"]],
            map => map.Input("Features", ColumnNames.Numbered("x", 6)).Target("Label", "label").Target("Score", "score"), new StreamingOptions { BatchSize = 2 });
        var negative = Assert.Throws<StreamingDataException>(() => csv.GetBatches(0).ToList());
        Assert.Contains("found -1; a negative index marks a missing label and task Label does not allow missing labels", negative.Message);
    }

    [Fact]
    public void A_list_of_the_wrong_length_names_the_row_and_both_lengths()
    {
        using var files = new TempFiles();
        TestFiles.Parquet(files["a.parquet"], 3, new FloatLists("features", [[1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4]]),
            new Scalars<long>("kind", [0, 1, 2]), new Scalars<float>("score", [0, 1, 2]), new FloatLists("tags", [[0, 1], [1, 0], [1, 1]]));
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]],
            map => map.Input("Features", "features").Target("Kind", "kind").Target("Score", "score").Target("Tags", ["tags"], shape: [2]),
            new StreamingOptions { BatchSize = 3 });
        var error = Assert.Throws<StreamingDataException>(() => source.GetBatches(0).ToList());
        Assert.Equal((2L, "features"), (error.Row, error.Column));
        Assert.Contains("expected a list of 4 values but found 3", error.Message);
    }

    [Fact]
    public void What_can_be_checked_when_the_source_is_opened_fails_then()
    {
        using var files = new TempFiles();
        var data = new StreamData(4);
        TestFiles.Parquet(files["a.parquet"], 4, data.Columns(0, 4));
        string path = files["a.parquet"];

        var misspelt = Assert.Throws<InvalidDataException>(() => ParquetBatches.Open<StreamModel.Batch>([path],
            map => map.Input("Features", "f0", "f1", "f2", "f4").Target("Kind", "kind").Target("Score", "score").Target("Tags", "t0", "t1")));
        Assert.Contains($"{path} has no column 'f4' (Inputs.Features); its columns are: f0, f1, f2, f3, kind", misspelt.Message);

        var width = Assert.Throws<ArgumentException>(() => ParquetBatches.Open<StreamModel.Batch>([path],
            map => map.Input("Features", "f0", "f1", "f2").Target("Kind", "kind").Target("Score", "score").Target("Tags", "t0", "t1")));
        Assert.Contains("Input features has example shape [4] (4 values) but 3 columns are mapped to it", width.Message, StringComparison.OrdinalIgnoreCase);

        var unknown = Assert.Throws<ArgumentException>(() => ParquetBatches.Open<StreamModel.Batch>([path],
            map => { StreamData.Map(map); map.Target("Kinds", "kind"); }));
        Assert.Contains("task 'Kinds', which the model does not declare; its tasks are: Kind, Score, Tags", unknown.Message);

        var scalarForVector = Assert.Throws<InvalidDataException>(() => ParquetBatches.Open<StreamModel.Batch>([path],
            map => map.Input("Features", "f0").Target("Kind", "kind").Target("Score", "score").Target("Tags", "t0", "t1")));
        Assert.Contains("holds one value per row, but an example of Inputs.Features has 4 values", scalarForVector.Message);

        var ranks = Assert.Throws<InvalidDataException>(() => ParquetBatches.Open<StreamModel.Batch>([path], StreamData.Map,
            new StreamingOptions { WorldSize = 5, Rank = 4 }));
        Assert.Contains("fewer than the 5 ranks", ranks.Message);
    }

    [Fact]
    public void A_corrupt_page_fails_the_consumer_naming_the_file_and_row_group()
    {
        using var files = new TempFiles();
        var data = new StreamData(200);
        TestFiles.Parquet(files["a.parquet"], 100, data.Columns(0, 200));
        var bytes = File.ReadAllBytes(files["a.parquet"]);
        // Overwrite the middle of the second row group's pages (the footer at the end stays intact, so Open succeeds).
        int at = bytes.Length * 3 / 4;
        for (int i = at - 200; i < at; i++)
            bytes[i] = 0xFF;
        File.WriteAllBytes(files["a.parquet"], bytes);
        var source = ParquetBatches.Open<StreamModel.Batch>([files["a.parquet"]], StreamData.Map, new StreamingOptions { BatchSize = 50 });

        var error = Assert.Throws<InvalidDataException>(() => source.GetBatches(0).ToList());
        Assert.StartsWith($"{files["a.parquet"]}, rows 101–200 (row group 1): ", error.Message);
        Assert.NotNull(error.InnerException); // Parquet.Net's (or its decompressor's) own exception
        Assert.Equal(0, PrefetchThreads.Running);
    }
}
