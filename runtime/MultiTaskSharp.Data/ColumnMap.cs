using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Data;

/// <summary>
/// Which file columns feed which model input and which task's target. An input or target reads either one column
/// per value (a feature vector from N scalar columns) or one list column (Parquet only) holding every value of an
/// example; the values of a row fill the example's shape in row-major order.
/// </summary>
/// <remarks>
/// The element type follows the task: class indices are int64, everything else float32. A task left out of the map
/// is absent from every batch, which only a task declared with <c>AllowMissing</c> permits (separate data sets per task).
/// </remarks>
public sealed class ColumnMap
{
    internal List<MemberMapping> Inputs { get; } = [];
    internal List<MemberMapping> Targets { get; } = [];

    /// <summary>Input <paramref name="input"/> reads <paramref name="columns"/> (one per value, or one list column).</summary>
    public ColumnMap Input(string input, params string[] columns) => Input(input, columns, shape: null);

    /// <summary>
    /// Input <paramref name="input"/> reads <paramref name="columns"/>; <paramref name="shape"/> is an example's shape
    /// (default: the declared one, else one dimension of the values per row); <paramref name="type"/> the element type.
    /// </summary>
    public ColumnMap Input(string input, IReadOnlyList<string> columns, int[]? shape, ElementType type = ElementType.Float32)
    {
        Inputs.Add(new MemberMapping(Check(input, nameof(input)), CheckColumns(columns, input), shape, type));
        return this;
    }

    /// <summary>Task <paramref name="task"/>'s target reads <paramref name="columns"/> (one per value, or one list column).</summary>
    public ColumnMap Target(string task, params string[] columns) => Target(task, columns, shape: null);

    /// <summary>
    /// Task <paramref name="task"/>'s target reads <paramref name="columns"/>, shaped <paramref name="shape"/> per example
    /// (default: none for class indices, else one dimension of the values per row, e.g. [1] for one regression column).
    /// <paramref name="type"/> overrides the element type the task's loss implies (for a custom loss method).
    /// </summary>
    public ColumnMap Target(string task, IReadOnlyList<string> columns, int[]? shape, ElementType? type = null)
    {
        Targets.Add(new MemberMapping(Check(task, nameof(task)), CheckColumns(columns, task), shape, type));
        return this;
    }

    private static string Check(string name, string parameter)
        => string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A name is required.", parameter) : name;

    private static string[] CheckColumns(IReadOnlyList<string> columns, string owner)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException($"'{owner}' is mapped to no column; give at least one.", nameof(columns));
        if (columns.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"'{owner}' is mapped to an empty column name.", nameof(columns));
        return columns.ToArray();
    }
}

/// <summary>One mapped input or target as the user wrote it.</summary>
internal sealed record MemberMapping(string Name, string[] Columns, int[]? Shape, ElementType? Type);

/// <summary>Column names for the common case of numbered columns.</summary>
public static class ColumnNames
{
    /// <summary><paramref name="prefix"/>0, <paramref name="prefix"/>1, …, up to <paramref name="count"/> − 1.</summary>
    public static string[] Numbered(string prefix, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
