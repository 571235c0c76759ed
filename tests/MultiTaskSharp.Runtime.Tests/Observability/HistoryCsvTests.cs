using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.VisualBasic.FileIO;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>CSV export of a fit, read back with the framework's own CSV parser.</summary>
public sealed class HistoryCsvTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Every record of <paramref name="csv"/> as fields, parsed by TextFieldParser (RFC 4180 quoting).</summary>
    private static List<string[]> Parse(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var records = new List<string[]>();
        while (!parser.EndOfData)
            records.Add(parser.ReadFields()!);
        return records;
    }

    [Fact]
    public void One_row_per_epoch_with_every_value_round_tripping()
    {
        var history = SampleHistory.Create();
        string path = _directory.File("history.csv");
        history.ToCsv(path);

        var records = Parse(File.ReadAllText(path));
        Assert.Equal(["epoch", .. SampleHistory.Columns], records[0]);
        Assert.Equal(history.Count + 1, records.Count);
        for (int row = 0; row < history.Count; row++)
        {
            var epoch = history[row];
            var fields = records[row + 1];
            Assert.Equal(epoch.Epoch, int.Parse(fields[0], CultureInfo.InvariantCulture));
            for (int c = 0; c < SampleHistory.Columns.Length; c++)
            {
                var expected = SampleHistory.Expected(epoch, SampleHistory.Columns[c]);
                string field = fields[c + 1];
                if (expected is null)
                    Assert.Equal("", field);
                else
                    Assert.Equal(expected.Value, double.Parse(field, CultureInfo.InvariantCulture)); // exact: round-trip formatting
            }
        }
        Assert.Equal("NaN", records[4][^1]); // epoch 4's mean IoU had nothing to score
    }

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture_whatever_the_current_one()
    {
        var history = SampleHistory.Create();
        var previous = Thread.CurrentThread.CurrentCulture;
        string written;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma
            using var writer = new StringWriter();
            history.ToCsv(writer);
            written = writer.ToString();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
        var records = Parse(written);
        Assert.All(records, r => Assert.Equal(SampleHistory.Columns.Length + 1, r.Length));
        Assert.Equal("1.5", records[1][1]);
    }

    [Fact]
    public void Extra_series_become_columns_and_odd_names_are_quoted()
    {
        var history = SampleHistory.Create();
        using var writer = new StringWriter();
        history.ToCsv(writer, e => [new EpochScalar("train/learning_rate", 0.1 / e.Epoch), new EpochScalar("weights \"Shape, Mask\"", e.Epoch)]);

        var records = Parse(writer.ToString());
        Assert.Equal(["epoch", .. SampleHistory.Columns, "train/learning_rate", "weights \"Shape, Mask\""], records[0]);
        Assert.Equal(0.1 / 3, double.Parse(records[3][^2], CultureInfo.InvariantCulture));
        Assert.Equal("3", records[3][^1]);
    }

    [Fact]
    public void The_file_and_the_writer_get_the_same_text()
    {
        var history = SampleHistory.Create();
        string path = _directory.File("history.csv");
        history.ToCsv(path);
        using var writer = new StringWriter();
        history.ToCsv(writer);
        Assert.Equal(writer.ToString(), File.ReadAllText(path));
    }

    [Fact]
    public void An_extra_series_that_repeats_a_name_is_rejected()
    {
        var history = SampleHistory.Create();
        var error = Assert.Throws<ArgumentException>(() => history.ToCsv(new StringWriter(), _ => [new EpochScalar("train/loss/Shape", 1)]));
        Assert.Contains("train/loss/Shape", error.Message);
    }
}
