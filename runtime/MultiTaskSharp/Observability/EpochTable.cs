using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// The epochs of a fit as a table: one row per epoch, one column per series that any epoch has (in the
/// order they first appear), null where an epoch lacks a series (e.g. validation in an epoch not validated).
/// </summary>
internal sealed class EpochTable
{
    private EpochTable(IReadOnlyList<string> columns, IReadOnlyList<(int Epoch, double?[] Values)> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The series names, without the epoch column.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Each epoch's number and its value of every column.</summary>
    public IReadOnlyList<(int Epoch, double?[] Values)> Rows { get; }

    public static EpochTable Of<TLossValues, TMetrics>(
        IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs,
        Func<EpochRecord<TLossValues, TMetrics>, IEnumerable<EpochScalar>>? extra)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(epochs);
        // The standard series come first and the extra ones after them, each in the order they first appear
        // (an extra series logged from epoch 1 must not land between train and validation columns).
        var standard = new List<string>();
        var extras = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scalarsPerEpoch = new List<(int Epoch, List<EpochScalar> Scalars)>();
        foreach (var epoch in epochs)
        {
            var scalars = new List<EpochScalar>(EpochSeries.Of(epoch));
            foreach (var scalar in scalars)
            {
                if (seen.Add(scalar.Name))
                    standard.Add(scalar.Name);
            }
            if (extra is not null)
            {
                foreach (var scalar in extra(epoch))
                {
                    if (scalar.Name == EpochSeries.Epoch)
                        throw new ArgumentException($"'{EpochSeries.Epoch}' is the table's epoch column and cannot name a series.", nameof(extra));
                    if (seen.Add(scalar.Name))
                        extras.Add(scalar.Name);
                    scalars.Add(scalar);
                }
            }
            scalarsPerEpoch.Add((epoch.Epoch, scalars));
        }
        var columns = new List<string>(standard.Count + extras.Count);
        columns.AddRange(standard);
        columns.AddRange(extras);
        var index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (int i = 0; i < columns.Count; i++)
            index[columns[i]] = i;

        var rows = new List<(int, double?[])>(scalarsPerEpoch.Count);
        foreach (var (epoch, scalars) in scalarsPerEpoch)
        {
            var values = new double?[columns.Count];
            foreach (var scalar in scalars)
            {
                int column = index[scalar.Name];
                if (values[column] is not null)
                    throw new ArgumentException($"Epoch {epoch} has two values named '{scalar.Name}'.", nameof(extra));
                values[column] = scalar.Value;
            }
            rows.Add((epoch, values));
        }
        return new EpochTable(columns, rows);
    }
}
