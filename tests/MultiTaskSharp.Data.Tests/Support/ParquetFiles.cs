using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace MultiTaskSharp.Data.Tests;

/// <summary>One column of a test file: scalars (nullable or not, any numeric type) or fixed lists of floats.</summary>
internal abstract record TestColumn(string Name)
{
    public abstract Field Field { get; }

    public abstract int Rows { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter group, int start, int count);

    public abstract string Text(int row);
}

internal sealed record Scalars<T>(string Name, T[] Values) : TestColumn(Name) where T : struct
{
    private readonly DataField _field = new(Name, typeof(T), isNullable: false);

    public override Field Field => _field;

    public override int Rows => Values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count)
        => group.WriteAsync<T>(_field, Values.AsMemory(start, count));

    public override string Text(int row) => Convert.ToString(Values[row], System.Globalization.CultureInfo.InvariantCulture)!;
}

internal sealed record NullableScalars<T>(string Name, T?[] Values) : TestColumn(Name) where T : struct
{
    private readonly DataField _field = new(Name, typeof(T), isNullable: true);

    public override Field Field => _field;

    public override int Rows => Values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count)
        => group.WriteAsync<T>(_field, (ReadOnlyMemory<T?>)Values.AsMemory(start, count));

    public override string Text(int row) => Values[row] is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)! : "";
}

internal sealed record FloatLists(string Name, float?[][] Values) : TestColumn(Name)
{
    public FloatLists(string name, float[][] values) : this(name, values.Select(r => r.Select(v => (float?)v).ToArray()).ToArray()) { }

    private readonly ListField _field = new(Name, typeof(float?));

    public override Field Field => _field;

    public override int Rows => Values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count)
    {
        var rows = Values.Skip(start).Take(count).ToArray();
        var flat = rows.SelectMany(r => r).ToArray();
        var repetition = rows.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
        return group.WriteAsync<float>((DataField)_field.Item, (ReadOnlyMemory<float?>)flat, repetition);
    }

    public override string Text(int row) => throw new NotSupportedException("CSV has no list columns.");
}

/// <summary>Writes test data with Parquet.Net's writer and CSV with plain text (numbers in the invariant culture).</summary>
internal static class TestFiles
{
    public static void Parquet(string path, int rowGroupRows, params TestColumn[] columns)
    {
        int rows = columns[0].Rows;
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => c.Field)), stream).GetAwaiter().GetResult();
        try
        {
            for (int start = 0; start < rows; start += rowGroupRows)
            {
                int count = Math.Min(rowGroupRows, rows - start);
                using var group = writer.CreateRowGroup();
                foreach (var column in columns)
                    column.WriteAsync(group, start, count).GetAwaiter().GetResult();
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public static void Csv(string path, params TestColumn[] columns)
    {
        using var text = new StreamWriter(path);
        text.WriteLine(string.Join(",", columns.Select(c => c.Name)));
        for (int r = 0; r < columns[0].Rows; r++)
            text.WriteLine(string.Join(",", columns.Select(c => c.Text(r))));
    }
}
