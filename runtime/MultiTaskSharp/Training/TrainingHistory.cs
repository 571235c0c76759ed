using System.Collections;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>The epochs of a fit, in order.</summary>
public sealed class TrainingHistory<TLossValues, TMetrics> : IReadOnlyList<EpochRecord<TLossValues, TMetrics>>
    where TMetrics : class
{
    private readonly List<EpochRecord<TLossValues, TMetrics>> _epochs = [];

    /// <inheritdoc />
    public EpochRecord<TLossValues, TMetrics> this[int index] => _epochs[index];

    /// <inheritdoc />
    public int Count => _epochs.Count;

    /// <summary>The last epoch.</summary>
    public EpochRecord<TLossValues, TMetrics> Last => _epochs[^1];

    internal void Add(EpochRecord<TLossValues, TMetrics> epoch) => _epochs.Add(epoch);

    /// <inheritdoc />
    public IEnumerator<EpochRecord<TLossValues, TMetrics>> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
