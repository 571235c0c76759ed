using System;

namespace MultiTaskSharp;

/// <summary>One epoch of a fit: mean training losses and, when validated, per-task metrics.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Train">The mean of the epoch's step losses.</param>
/// <param name="Validation">Per-task loss and metrics on the validation source, or null when not evaluated this epoch.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
public sealed record EpochRecord<TLossValues, TMetrics>(int Epoch, TLossValues Train, TMetrics? Validation, TimeSpan Elapsed)
    where TMetrics : class;
