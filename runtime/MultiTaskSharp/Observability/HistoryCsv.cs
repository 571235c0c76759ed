using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MultiTaskSharp;

/// <summary>Writes the epochs of a fit as CSV: one row per epoch, one column per <see cref="EpochSeries"/> name.</summary>
/// <remarks>
/// The first column is <c>epoch</c>; the others are the series in <see cref="EpochSeries"/> order, then the
/// extra series. Numbers use the invariant culture and round-trip exactly; NaN is written <c>NaN</c> and a
/// value an epoch does not have (validation of an epoch not validated) is left empty. Fields are quoted per
/// RFC 4180 only when needed. Hand-written rather than through a CSV library: the table is numbers under
/// known headers, and a dependency would cost more than these lines.
/// </remarks>
public static class HistoryCsv
{
    /// <summary>Writes <paramref name="epochs"/> (typically a <see cref="TrainingHistory{TLossValues, TMetrics}"/>) to a CSV file.</summary>
    /// <param name="epochs">The epochs, in order.</param>
    /// <param name="path">The file to create or overwrite (UTF-8, no byte-order mark).</param>
    /// <param name="extra">Optional further series per epoch (e.g. a learning rate the caller recorded).</param>
    public static void ToCsv<TLossValues, TMetrics>(
        this IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs,
        string path,
        Func<EpochRecord<TLossValues, TMetrics>, IEnumerable<EpochScalar>>? extra = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var table = EpochTable.Of(epochs, extra);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(table, writer);
    }

    /// <summary>Writes <paramref name="epochs"/> as CSV to <paramref name="writer"/>.</summary>
    /// <param name="epochs">The epochs, in order.</param>
    /// <param name="writer">Where to write; it is flushed, not closed.</param>
    /// <param name="extra">Optional further series per epoch.</param>
    public static void ToCsv<TLossValues, TMetrics>(
        this IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs,
        TextWriter writer,
        Func<EpochRecord<TLossValues, TMetrics>, IEnumerable<EpochScalar>>? extra = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(EpochTable.Of(epochs, extra), writer);
    }

    private static void Write(EpochTable table, TextWriter writer)
    {
        var fields = new List<string>(table.Columns.Count + 1) { EpochSeries.Epoch };
        fields.AddRange(table.Columns);
        WriteLine(writer, fields);
        foreach (var (epoch, values) in table.Rows)
        {
            fields.Clear();
            fields.Add(epoch.ToString(CultureInfo.InvariantCulture));
            foreach (var value in values)
                fields.Add(value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            WriteLine(writer, fields);
        }
        writer.Flush();
    }

    private static void WriteLine(TextWriter writer, List<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                writer.Write(',');
            writer.Write(Quote(fields[i]));
        }
        // RFC 4180 ends records with CRLF; spreadsheet tools and pandas read either, and "\n" keeps diffs clean.
        writer.Write('\n');
    }

    private static string Quote(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
