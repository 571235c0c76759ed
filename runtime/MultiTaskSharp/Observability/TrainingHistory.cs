using System.Collections;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>The epochs of a fit, in order, and how it ended.</summary>
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

    /// <summary>Whether early stopping ended the fit before its last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The best epoch by the early-stopping (or keep-best) monitor, when one was set.</summary>
    public int? BestEpoch { get; internal set; }

    internal void Add(EpochRecord<TLossValues, TMetrics> epoch) => _epochs.Add(epoch);

    internal List<EpochRecord<TLossValues, TMetrics>> Epochs => _epochs;

    /// <inheritdoc />
    public IEnumerator<EpochRecord<TLossValues, TMetrics>> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
