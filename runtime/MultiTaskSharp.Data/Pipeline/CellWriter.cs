using System;
using System.Globalization;

namespace MultiTaskSharp.Data;

/// <summary>Where a value comes from, for error messages.</summary>
/// <param name="File">The file.</param>
/// <param name="Row">The data row in the file, from 1.</param>
/// <param name="Column">The column.</param>
internal readonly record struct Cell(string File, long Row, string Column);

/// <summary>
/// Writes one decoded value into a <see cref="RowBlock"/>, converting it to the member's element type and applying
/// its missing rule; a value that does not fit is a <see cref="StreamingDataException"/> naming the cell. Integers
/// and reals arrive separately so that int64 ids are never rounded through a double.
/// </summary>
internal static class CellWriter
{
    public static void Integer(RowBlock block, int m, int row, int offset, long value, in Cell cell)
    {
        var member = block.Plan.Members[m];
        long index = (long)row * member.Width + offset;
        if (member.Type == ElementType.Float32)
        {
            block.Floats[m]![index] = value;
            return;
        }
        if (member.IsClassIndex && value < 0)
        {
            if (member.Missing != MissingRule.NegativeIndex)
                throw Error(member, cell, $"expected {member.Expected} but found {value}; a negative index marks a missing label and {member.MissingRefusal}.");
            value = -1;
        }
        block.Longs[m]![index] = value;
    }

    public static void Real(RowBlock block, int m, int row, int offset, double value, in Cell cell)
    {
        var member = block.Plan.Members[m];
        if (double.IsNaN(value))
        {
            Missing(block, m, row, offset, cell, "NaN");
            return;
        }
        long index = (long)row * member.Width + offset;
        if (member.Type == ElementType.Float32)
        {
            if (double.IsInfinity(value) || Math.Abs(value) > float.MaxValue)
                throw Error(member, cell, $"expected a finite number but found {value.ToString(CultureInfo.InvariantCulture)}.");
            block.Floats[m]![index] = (float)value;
            return;
        }
        if (value != Math.Floor(value) || Math.Abs(value) > 9.007199254740992E15)
            throw Error(member, cell, $"expected {member.Expected} but found {value.ToString(CultureInfo.InvariantCulture)}.");
        Integer(block, m, row, offset, (long)value, cell);
    }

    /// <summary>A null, an empty CSV cell or a NaN: a missing label where the task allows it, else an error.</summary>
    public static void Missing(RowBlock block, int m, int row, int offset, in Cell cell, string found = "a missing value (null or empty)")
    {
        var member = block.Plan.Members[m];
        long index = (long)row * member.Width + offset;
        switch (member.Missing)
        {
            case MissingRule.NaN:
                block.Floats[m]![index] = float.NaN;
                break;
            case MissingRule.NegativeIndex:
                block.Longs[m]![index] = -1;
                break;
            default:
                throw Error(member, cell, $"expected {member.Expected} but found {found}; {member.MissingRefusal}.");
        }
    }

    /// <summary>A CSV field (UTF-8): empty is missing; otherwise an integer or a real number in the invariant culture.</summary>
    public static void Utf8(RowBlock block, int m, int row, int offset, ReadOnlySpan<byte> field, in Cell cell)
    {
        var text = field.Trim(" \t"u8);
        if (text.IsEmpty)
        {
            Missing(block, m, row, offset, cell);
            return;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            Integer(block, m, row, offset, integer, cell);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            Real(block, m, row, offset, real, cell);
        else
            throw Error(block.Plan.Members[m], cell, $"expected {block.Plan.Members[m].Expected} but found '{Shorten(System.Text.Encoding.UTF8.GetString(text))}'.");
    }

    public static StreamingDataException Error(MemberPlan member, in Cell cell, string message)
        => new(cell.File, cell.Row, cell.Column, member.Label, message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
