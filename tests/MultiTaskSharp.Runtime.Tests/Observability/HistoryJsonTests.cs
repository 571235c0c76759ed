using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Observability;

/// <summary>JSON export of a fit, read back with System.Text.Json.</summary>
public sealed class HistoryJsonTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void One_object_per_epoch_keyed_by_series_name()
    {
        var history = SampleHistory.Create();
        string path = _directory.File("history.json");
        history.ToJson(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal(history.Count, document.RootElement.GetArrayLength());
        for (int i = 0; i < history.Count; i++)
        {
            var epoch = history[i];
            var element = document.RootElement[i];
            Assert.Equal(epoch.Epoch, element.GetProperty("epoch").GetInt32());
            var names = new List<string>();
            foreach (var property in element.EnumerateObject())
                names.Add(property.Name);
            Assert.Equal(["epoch", .. SampleHistory.Columns], names);

            foreach (var column in SampleHistory.Columns)
            {
                var value = element.GetProperty(column);
                var expected = SampleHistory.Expected(epoch, column);
                if (expected is null)
                    Assert.Equal(JsonValueKind.Null, value.ValueKind);
                else if (double.IsNaN(expected.Value))
                    Assert.Equal("NaN", value.GetString());
                else
                    Assert.Equal(expected.Value, value.GetDouble()); // exact
            }
        }
    }

    [Fact]
    public void Named_literals_read_back_as_numbers_with_the_standard_option()
    {
        var history = SampleHistory.Create();
        using var writer = new StringWriter();
        history.ToJson(writer, e => [new EpochScalar("train/learning_rate", e.Epoch == 1 ? double.PositiveInfinity : 0.01)]);

        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var rows = JsonSerializer.Deserialize<List<Dictionary<string, double?>>>(writer.ToString(), options)!;
        Assert.Equal(4, rows.Count);
        Assert.True(double.IsNaN(rows[3]["validation/Mask/MeanIoU"]!.Value));
        Assert.Equal(double.PositiveInfinity, rows[0]["train/learning_rate"]);
        Assert.Equal(0.01, rows[2]["train/learning_rate"]);
        Assert.Null(rows[0]["validation/Shape/Accuracy"]);
        Assert.Equal(0.875, rows[3]["validation/Shape/MacroF1"]);
    }
}
