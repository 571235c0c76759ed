using System;

namespace MultiTaskSharp.Data;

/// <summary>
/// A value read from a data file does not fit the model: a null where the task does not allow missing labels, a text
/// that is not a number, a class index that is not an integer, a list of the wrong length, a column of the wrong type.
/// The message names the file, the row (1-based, counting data rows from the start of the file), the column, and the
/// expected and actual values.
/// </summary>
public sealed class StreamingDataException : Exception
{
    /// <summary>Creates the exception for one value.</summary>
    public StreamingDataException(string file, long row, string column, string member, string message)
        : base($"{file}, row {row}, column '{column}' ({member}): {message}")
    {
        File = file;
        Row = row;
        Column = column;
        Member = member;
    }

    /// <summary>The file that holds the value.</summary>
    public string File { get; }

    /// <summary>The data row, from 1 (a CSV file's header line is not counted).</summary>
    public long Row { get; }

    /// <summary>The column the value was read from.</summary>
    public string Column { get; }

    /// <summary>The input or task the column is mapped to, for example <c>Targets.Shape</c>.</summary>
    public string Member { get; }
}
