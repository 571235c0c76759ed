using System;

namespace MultiTaskSharp;

/// <summary>Calls a handler with every epoch record: what <c>Fit</c>'s <c>onEpoch</c> argument becomes.</summary>
internal sealed class EpochEndCallback<TLossValues, TMetrics>(Action<EpochRecord<TLossValues, TMetrics>> handler)
    : FitCallback<TLossValues, TMetrics>
    where TLossValues : ILossValues<TLossValues>
    where TMetrics : class, ITaskMetricsSet
{
    protected override void OnEpochEnd(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch) => handler(epoch);
}
