using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CsvHelper;

namespace MultiTaskSharp.Data;

/// <summary>
/// CSV files through CsvHelper (RFC 4180: quoted fields, escaped quotes, line breaks inside quotes), with a header
/// row naming the columns and numbers in the invariant culture. Each file is a unit; an empty field is a missing value.
/// </summary>
/// <remarks>
/// CSV has no index of its rows: opening the source counts each file's rows once (a streaming pass, so ranks can
/// agree on their shares and batch counts), and a rank whose share starts inside a file parses and skips the rows
/// before it. Rows are decoded in blocks of <see cref="BlockRows"/>, so memory does not grow with the file.
/// </remarks>
internal sealed class CsvFormat : IRowFormat
{
    private const int BlockRows = 4096;
    private readonly BatchPlan _plan;

    public CsvFormat(IReadOnlyList<string> files, BatchPlan plan)
    {
        _plan = plan;
        var units = new List<RowUnit>();
        foreach (var file in files)
        {
            long rows = 0;
            using (var csv = Open(file, plan, out _))
            {
                while (csv.Read())
                    rows++;
            }
            units.Add(new RowUnit(file, 0, 0, rows));
        }
        Units = units;
    }

    public IReadOnlyList<RowUnit> Units { get; }

    public IRowReader OpenReader() => new Reader(_plan);

    // Rows with too few fields are reported by this reader, naming the file, row and column.
    private static CsvReaderOptions Options => new() { HasHeader = true, FieldCountMismatch = CsvFieldCountHandling.Allow };

    /// <summary>Opens <paramref name="file"/>, reads its header and finds every mapped column, or fails naming the file.</summary>
    private static CsvReader Open(string file, BatchPlan plan, out int[][] indices)
    {
        if (!File.Exists(file))
            throw new FileNotFoundException($"The CSV file '{file}' does not exist.", file);
        var csv = CsvReader.FromFile(file, Options);
        try
        {
            if (csv.Headers is not { Count: > 0 } header)
                throw new InvalidDataException($"{file} has no header row; the first line must name the columns.");
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = header.Count - 1; i >= 0; i--)
                positions[header[i]] = i;
            indices = plan.Members.Select(m => m.Columns.Select(c => positions.TryGetValue(c, out int i) ? i
                : throw new InvalidDataException($"{file} has no column '{c}' ({m.Label}); its header names: {string.Join(", ", header)}.")).ToArray()).ToArray();
            foreach (var member in plan.Members.Where(m => m.Width > 1 && m.ReadsOneColumnPerRow))
                throw new InvalidDataException($"{file}: {member.Label} has {member.Width} values per example but one column ('{member.Columns[0]}') is mapped; a CSV field holds one value, so map {member.Width} columns.");
            return csv;
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    private sealed class Reader(BatchPlan plan) : IRowReader
    {
        private readonly RowBlock _block = new(plan, BlockRows);

        public void Read(RowUnit unit, long first, long count, Action<RowBlock> onBlock, CancellationToken cancellation)
        {
            using var csv = Open(unit.File, plan, out var indices);
            for (long skipped = 0; skipped < first; skipped++)
            {
                if (!csv.Read())
                    throw new InvalidDataException($"{unit.File} ended after {skipped} rows; it had {unit.Rows} when the source was opened.");
            }
            var members = plan.Members;
            _block.Count = 0;
            for (long r = 0; r < count; r++)
            {
                if ((r & 1023) == 0)
                    cancellation.ThrowIfCancellationRequested();
                long row = first + r + 1;
                if (!csv.Read())
                    throw new InvalidDataException($"{unit.File} ended after {row - 1} rows; it had {unit.Rows} when the source was opened.");
                int fields = csv.FieldCount;
                for (int m = 0; m < members.Length; m++)
                {
                    for (int c = 0; c < indices[m].Length; c++)
                    {
                        var cell = new Cell(unit.File, row, members[m].Columns[c]);
                        if (indices[m][c] >= fields)
                            throw CellWriter.Error(members[m], cell, $"the row has {fields} fields but the column is field {indices[m][c] + 1} of the header.");
                        CellWriter.Utf8(_block, m, _block.Count, c, csv.GetSpan(indices[m][c]), cell);
                    }
                }
                if (++_block.Count == _block.Capacity)
                {
                    onBlock(_block);
                    _block.Count = 0;
                }
            }
            if (_block.Count > 0)
                onBlock(_block);
        }

        public void Dispose() { }
    }
}
