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

    /// <summary>Whether a callback (early stopping, or one of yours) ended the fit before its last epoch.</summary>
    public bool StoppedEarly => StopReason is not null;

    /// <summary>Why a callback stopped the fit (<see cref="FitContext{TLossValues, TMetrics}.StopTraining"/>), or null.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>
    /// Whether the fit's cancellation token ended it. The history then holds every completed epoch (the interrupted
    /// one is left out) and the model the parameters of the last step taken (or, with early stopping, of its best epoch).
    /// </summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The best epoch by the early-stopping (or keep-best) monitor, when one was set.</summary>
    public int? BestEpoch { get; internal set; }

    internal void Add(EpochRecord<TLossValues, TMetrics> epoch) => _epochs.Add(epoch);

    internal List<EpochRecord<TLossValues, TMetrics>> Epochs => _epochs;

    /// <inheritdoc />
    public IEnumerator<EpochRecord<TLossValues, TMetrics>> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
