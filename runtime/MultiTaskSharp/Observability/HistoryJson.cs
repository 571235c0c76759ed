using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace MultiTaskSharp;

/// <summary>Writes the epochs of a fit as JSON: an array with one object per epoch, keyed by <see cref="EpochSeries"/> names.</summary>
/// <remarks>
/// Each object has <c>"epoch"</c> and every series of the history (the same columns as the CSV export), with
/// <c>null</c> where the epoch lacks the series. JSON has no NaN or infinity: those are written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, which <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/>
/// reads back as numbers.
/// </remarks>
public static class HistoryJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Writes <paramref name="epochs"/> (typically a <see cref="TrainingHistory{TLossValues, TMetrics}"/>) to a JSON file.</summary>
    /// <param name="epochs">The epochs, in order.</param>
    /// <param name="path">The file to create or overwrite (UTF-8).</param>
    /// <param name="extra">Optional further series per epoch (e.g. a learning rate the caller recorded).</param>
    public static void ToJson<TLossValues, TMetrics>(
        this IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs,
        string path,
        Func<EpochRecord<TLossValues, TMetrics>, IEnumerable<EpochScalar>>? extra = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var table = EpochTable.Of(epochs, extra);
        using var stream = File.Create(path);
        Write(table, stream);
    }

    /// <summary>Writes <paramref name="epochs"/> as JSON to <paramref name="writer"/>.</summary>
    /// <param name="epochs">The epochs, in order.</param>
    /// <param name="writer">Where to write; it is flushed, not closed.</param>
    /// <param name="extra">Optional further series per epoch.</param>
    public static void ToJson<TLossValues, TMetrics>(
        this IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs,
        TextWriter writer,
        Func<EpochRecord<TLossValues, TMetrics>, IEnumerable<EpochScalar>>? extra = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        Write(EpochTable.Of(epochs, extra), buffer);
        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Flush();
    }

    private static void Write(EpochTable table, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, Indented);
        json.WriteStartArray();
        foreach (var (epoch, values) in table.Rows)
        {
            json.WriteStartObject();
            json.WriteNumber(EpochSeries.Epoch, epoch);
            for (int i = 0; i < values.Length; i++)
            {
                var name = table.Columns[i];
                switch (values[i])
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case double v when double.IsFinite(v):
                        json.WriteNumber(name, v);
                        break;
                    case double v:
                        json.WriteString(name, double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
                        break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
