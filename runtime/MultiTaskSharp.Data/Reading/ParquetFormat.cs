using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace MultiTaskSharp.Data;

/// <summary>
/// Parquet files through Parquet.Net: each row group is a unit; a mapped column is a numeric scalar column (one
/// value per row) or a list of numbers (every value of an example). Nulls, at any level, are missing values.
/// </summary>
/// <remarks>
/// A row group is decoded one column at a time (Parquet stores columns in chunks per row group), so a pass holds at
/// most one row group's mapped values in memory besides the shuffle buffer and the prefetched batches.
/// </remarks>
internal sealed class ParquetFormat : IRowFormat
{
    private readonly BatchPlan _plan;

    public ParquetFormat(IReadOnlyList<string> files, BatchPlan plan)
    {
        _plan = plan;
        var units = new List<RowUnit>();
        foreach (var file in files)
        {
            var reader = Open(file);
            try
            {
                AddUnits(reader, file, units);
            }
            finally
            {
                Close(reader);
            }
        }
        Units = units;
    }

    public IReadOnlyList<RowUnit> Units { get; }

    /// <summary>Checks every mapped column of <paramref name="file"/> and adds its row groups.</summary>
    private void AddUnits(ParquetReader reader, string file, List<RowUnit> units)
    {
        foreach (var member in _plan.Members)
            foreach (var column in member.Columns)
                _ = Resolve(reader, file, member, column);
        long first = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            long rows;
            using (var group = reader.OpenRowGroupReader(g))
                rows = group.RowCount;
            if (rows > int.MaxValue)
                throw new InvalidDataException($"{file}: row group {g} has {rows} rows; at most {int.MaxValue} can be read at once. Rewrite the file with smaller row groups.");
            units.Add(new RowUnit(file, g, first, rows));
            first += rows;
        }
    }

    public IRowReader OpenReader() => new Reader(_plan);

    // Parquet.Net's reader is only asynchronously disposable; the prefetch thread has no context to deadlock on.
    private static void Close(ParquetReader? reader) => reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static ParquetReader Open(string file)
    {
        if (!File.Exists(file))
            throw new FileNotFoundException($"The Parquet file '{file}' does not exist.", file);
        try
        {
            return ParquetReader.CreateAsync(file).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{file} is not a readable Parquet file: {e.Message}", e);
        }
    }

    /// <summary>The leaf field of <paramref name="column"/> and whether it is a list, or an error naming the file and column.</summary>
    private static (DataField Field, bool IsList) Resolve(ParquetReader reader, string file, MemberPlan member, string column)
    {
        var field = reader.Schema.Fields.FirstOrDefault(f => f.Name == column)
            ?? throw new InvalidDataException($"{file} has no column '{column}' ({member.Label}); its columns are: {string.Join(", ", reader.Schema.Fields.Select(f => f.Name))}.");
        (DataField leaf, bool isList) = field switch
        {
            ListField { Item: DataField item } => (item, true),
            DataField data => (data, data.IsArray),
            _ => throw new InvalidDataException($"{file}: column '{column}' ({member.Label}) is a {field.SchemaType}; only numeric columns and lists of numbers can be read."),
        };
        if (!IsNumeric(leaf.ClrType))
            throw new InvalidDataException($"{file}: column '{column}' ({member.Label}) holds {leaf.ClrType.Name} values; expected {member.Expected}.");
        if (isList && !member.ReadsOneColumnPerRow)
            throw new InvalidDataException($"{file}: column '{column}' ({member.Label}) is a list, but {member.Columns.Length} columns are mapped to {member.Label}; map a list column alone.");
        if (!isList && member.ReadsOneColumnPerRow && member.Width > 1)
            throw new InvalidDataException($"{file}: column '{column}' ({member.Label}) holds one value per row, but an example of {member.Label} has {member.Width} values; map {member.Width} columns or a list column.");
        return (leaf, isList);
    }

    private static bool IsNumeric(Type type)
        => type == typeof(float) || type == typeof(double) || type == typeof(Half)
        || type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong) || type == typeof(bool);

    private sealed class Reader(BatchPlan plan) : IRowReader
    {
        private ParquetReader? _reader;
        private string? _file;
        private RowBlock? _block;

        public void Read(RowUnit unit, long first, long count, Action<RowBlock> onBlock, CancellationToken cancellation)
        {
            if (_file != unit.File)
            {
                Close(_reader);
                _reader = Open(unit.File);
                _file = unit.File;
            }
            if (_block is null || _block.Capacity < count)
                _block = new RowBlock(plan, (int)count);
            var block = _block;
            using var group = _reader!.OpenRowGroupReader(unit.Group);
            var members = plan.Members;
            for (int m = 0; m < members.Length; m++)
            {
                for (int c = 0; c < members[m].Columns.Length; c++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (field, isList) = Resolve(_reader, unit.File, members[m], members[m].Columns[c]);
                    var column = new ColumnSlice(unit, first, count, members[m].Columns[c], m, c, isList, field);
                    DecodeAsync(group, field, column, block, cancellation).GetAwaiter().GetResult();
                }
            }
            block.Count = (int)count;
            onBlock(block);
        }

        public void Dispose() => Close(_reader);
    }

    /// <summary>Which rows of a column to decode, and where their values go.</summary>
    private readonly record struct ColumnSlice(RowUnit Unit, long First, long Count, string Name, int Member, int Offset, bool IsList, DataField Field);

    // One generic instantiation per physical type: the values are read into pooled memory without boxing.
    private static Task DecodeAsync(ParquetRowGroupReader group, DataField field, ColumnSlice column, RowBlock block, CancellationToken cancellation)
    {
        var type = field.ClrType;
        if (type == typeof(float)) return DecodeAsync<float>(group, column, block, cancellation);
        if (type == typeof(double)) return DecodeAsync<double>(group, column, block, cancellation);
        if (type == typeof(int)) return DecodeAsync<int>(group, column, block, cancellation);
        if (type == typeof(long)) return DecodeAsync<long>(group, column, block, cancellation);
        if (type == typeof(short)) return DecodeAsync<short>(group, column, block, cancellation);
        if (type == typeof(sbyte)) return DecodeAsync<sbyte>(group, column, block, cancellation);
        if (type == typeof(byte)) return DecodeAsync<byte>(group, column, block, cancellation);
        if (type == typeof(ushort)) return DecodeAsync<ushort>(group, column, block, cancellation);
        if (type == typeof(uint)) return DecodeAsync<uint>(group, column, block, cancellation);
        if (type == typeof(ulong)) return DecodeAsync<ulong>(group, column, block, cancellation);
        if (type == typeof(Half)) return DecodeAsync<Half>(group, column, block, cancellation);
        return DecodeAsync<bool>(group, column, block, cancellation);
    }

    private static async Task DecodeAsync<T>(ParquetRowGroupReader group, ColumnSlice column, RowBlock block, CancellationToken cancellation) where T : struct
    {
        using var raw = (RawColumnData<T>)await group.ReadRawColumnDataBaseAsync(column.Field, cancellation).ConfigureAwait(false);
        Walk(raw, column, block);
    }

    /// <summary>
    /// Walks the column's definition and repetition levels (Dremel encoding): a slot with the maximum definition level
    /// holds the next value, a lower one a null (element, list or row); repetition level 0 starts a new row.
    /// </summary>
    private static void Walk<T>(RawColumnData<T> raw, in ColumnSlice column, RowBlock block) where T : struct
    {
        var field = column.Field;
        int maxDef = field.MaxDefinitionLevel;
        int maxRep = field.MaxRepetitionLevel;
        ReadOnlySpan<T> values = raw.Values;
        ReadOnlySpan<int> def = maxDef > 0 ? raw.DefinitionLevels : default;
        ReadOnlySpan<int> rep = maxRep > 0 ? raw.RepetitionLevels : default;
        int slots = maxDef > 0 ? def.Length : values.Length;
        // In a list, a slot one level below the maximum is a null element (when elements may be null); lower is an empty or null list.
        int nullElement = field.IsNullable ? maxDef - 1 : -1;
        var member = block.Plan.Members[column.Member];
        long row = -1;
        int value = 0;
        int filled = 0;
        long end = column.First + column.Count;
        for (int s = 0; s < slots; s++)
        {
            bool newRow = maxRep == 0 || rep[s] == 0;
            if (newRow)
            {
                if (row >= column.First && row < end && column.IsList)
                    CheckLength(block, column, row, filled);
                row++;
                filled = 0;
            }
            bool present = maxDef == 0 || def[s] == maxDef;
            bool inRange = row >= column.First && row < end;
            if (!inRange)
            {
                if (present)
                    value++;
                if (row >= end)
                    break;
                continue;
            }
            int blockRow = (int)(row - column.First);
            var cell = new Cell(column.Unit.File, column.Unit.FirstRow + row + 1, column.Name);
            if (!column.IsList)
            {
                if (present)
                    Write(block, column.Member, blockRow, column.Offset, values[value++], cell);
                else
                    CellWriter.Missing(block, column.Member, blockRow, column.Offset, cell);
                continue;
            }
            if (!present && def[s] != nullElement)
                continue; // an empty or null list: no element; CheckLength reports it
            if (filled >= member.Width)
                throw CellWriter.Error(member, cell, $"expected a list of {member.Width} values but found more.");
            if (present)
                Write(block, column.Member, blockRow, filled, values[value++], cell);
            else
                CellWriter.Missing(block, column.Member, blockRow, filled, cell);
            filled++;
        }
        if (column.IsList && row >= column.First && row < end)
            CheckLength(block, column, row, filled);
    }

    /// <summary>
    /// A list must hold an example's values. An empty or null list is a whole example missing: every entry missing
    /// where the task allows it, an error otherwise; any other length is an error.
    /// </summary>
    private static void CheckLength(RowBlock block, in ColumnSlice column, long row, int filled)
    {
        var member = block.Plan.Members[column.Member];
        if (filled == member.Width)
            return;
        var cell = new Cell(column.Unit.File, column.Unit.FirstRow + row + 1, column.Name);
        if (filled == 0)
        {
            for (int offset = 0; offset < member.Width; offset++)
                CellWriter.Missing(block, column.Member, (int)(row - column.First), offset, cell, "an empty or null list");
            return;
        }
        throw CellWriter.Error(member, cell, $"expected a list of {member.Width} values but found {filled}.");
    }

    private static void Write<T>(RowBlock block, int m, int row, int offset, T value, in Cell cell) where T : struct
    {
        // The JIT folds these type tests per instantiation.
        if (typeof(T) == typeof(float)) CellWriter.Real(block, m, row, offset, (float)(object)value, cell);
        else if (typeof(T) == typeof(double)) CellWriter.Real(block, m, row, offset, (double)(object)value, cell);
        else if (typeof(T) == typeof(Half)) CellWriter.Real(block, m, row, offset, (double)(Half)(object)value, cell);
        else if (typeof(T) == typeof(bool)) CellWriter.Integer(block, m, row, offset, (bool)(object)value ? 1 : 0, cell);
        else if (typeof(T) == typeof(int)) CellWriter.Integer(block, m, row, offset, (int)(object)value, cell);
        else if (typeof(T) == typeof(long)) CellWriter.Integer(block, m, row, offset, (long)(object)value, cell);
        else if (typeof(T) == typeof(short)) CellWriter.Integer(block, m, row, offset, (short)(object)value, cell);
        else if (typeof(T) == typeof(sbyte)) CellWriter.Integer(block, m, row, offset, (sbyte)(object)value, cell);
        else if (typeof(T) == typeof(byte)) CellWriter.Integer(block, m, row, offset, (byte)(object)value, cell);
        else if (typeof(T) == typeof(ushort)) CellWriter.Integer(block, m, row, offset, (ushort)(object)value, cell);
        else if (typeof(T) == typeof(uint)) CellWriter.Integer(block, m, row, offset, (uint)(object)value, cell);
        else
        {
            ulong u = (ulong)(object)value;
            if (u > long.MaxValue)
                throw CellWriter.Error(block.Plan.Members[m], cell, $"expected {block.Plan.Members[m].Expected} but found {u}, beyond int64.");
            CellWriter.Integer(block, m, row, offset, (long)u, cell);
        }
    }
}
