using System;
using System.Collections.Generic;
using System.Threading;

namespace MultiTaskSharp.Data;

/// <summary>The smallest piece a source reads on its own: a Parquet row group, or a whole CSV file.</summary>
/// <param name="File">The file.</param>
/// <param name="Group">The row group within the file (0 for CSV).</param>
/// <param name="FirstRow">The unit's first row within the file, from 0.</param>
/// <param name="Rows">The unit's number of rows.</param>
internal sealed record RowUnit(string File, int Group, long FirstRow, long Rows);

/// <summary>A file format: its units (known when the source is opened) and readers for one pass.</summary>
internal interface IRowFormat
{
    IReadOnlyList<RowUnit> Units { get; }

    /// <summary>A reader for one pass, used on the prefetch thread only.</summary>
    IRowReader OpenReader();
}

/// <summary>Decodes rows of units into blocks; keeps files open between consecutive units of one file.</summary>
internal interface IRowReader : IDisposable
{
    /// <summary>
    /// Decodes rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="unit"/> (counted within the unit), handing each filled block to <paramref name="onBlock"/>,
    /// which must copy what it keeps: the block is reused.
    /// </summary>
    void Read(RowUnit unit, long first, long count, Action<RowBlock> onBlock, CancellationToken cancellation);
}
