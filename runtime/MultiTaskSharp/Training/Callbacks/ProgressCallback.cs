using System;
using System.Diagnostics;

namespace MultiTaskSharp;

/// <summary>
/// Reports a <see cref="FitProgress"/> after every training step: the epoch, the batch and the epoch's running loss.
/// The loss lives on the device; it is read (one small copy) on the first and last step of each epoch and whenever
/// <see cref="RefreshInterval"/> has passed, or every <see cref="RefreshEvery"/> steps when that is set, so a progress
/// line shows a recent loss without making every step wait for the device. <c>Fit</c>'s <c>progress</c> argument
/// creates one.
/// </summary>
public sealed class ProgressCallback : IRootOnlyCallback
{
    private readonly IProgress<FitProgress> _progress;
    private readonly Stopwatch _sinceRead = new();
    private double _loss = double.NaN;
    private int _stepsSinceRead;

    /// <param name="progress">Where reports go; <see cref="InlineProgress{T}"/> calls its handler at once, on the training thread.</param>
    public ProgressCallback(IProgress<FitProgress> progress)
        => _progress = progress ?? throw new ArgumentNullException(nameof(progress));

    /// <summary>How long a shown loss may be stale (default 0.5 s); ignored when <see cref="RefreshEvery"/> is set.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Read the loss every this many steps instead of by time (1: every step, as a benchmark of the read's cost would).</summary>
    public int? RefreshEvery { get; init; }

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        if (RefreshEvery is < 1)
            throw new ArgumentOutOfRangeException(nameof(RefreshEvery), RefreshEvery, "RefreshEvery must be at least 1 step.");
        if (RefreshInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RefreshInterval), RefreshInterval, "RefreshInterval must not be negative.");
    }

    void IFitCallback.OnEpochBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        _loss = double.NaN;
        _stepsSinceRead = 0;
    }

    void IFitCallback.OnBatchEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, FitBatch batch)
    {
        _stepsSinceRead++;
        bool due = RefreshEvery is int every
            ? _stepsSinceRead >= every
            : _sinceRead.Elapsed >= RefreshInterval;
        if (double.IsNaN(_loss) || due || batch.IsLast)
        {
            _loss = fit.ReadRunningLoss();
            _stepsSinceRead = 0;
            _sinceRead.Restart();
        }
        _progress.Report(new FitProgress(batch.Epoch, fit.Epochs, batch.Batch, batch.BatchCount, _loss));
    }
}
