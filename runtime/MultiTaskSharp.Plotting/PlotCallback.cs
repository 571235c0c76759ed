using System;

namespace MultiTaskSharp;

/// <summary>
/// Saves the curves of a fit to a PNG (<see cref="HistoryPlot.SavePlot"/>) when training ends and, with
/// <see cref="Every"/>, every few epochs on the way, so a long run can be watched as it goes.
/// </summary>
/// <param name="path">The PNG file to create or overwrite.</param>
public sealed class PlotCallback(string path) : IRootOnlyCallback
{
    /// <summary>The PNG file.</summary>
    public string Path { get; } = string.IsNullOrEmpty(path) ? throw new ArgumentException("The plot needs a file path.", nameof(path)) : path;

    /// <summary>Also redraw after every this many epochs (null, the default: only when training ends).</summary>
    public int? Every { get; init; }

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        if (Every is < 1)
            throw new ArgumentOutOfRangeException(nameof(Every), Every, "Every must be at least 1 epoch.");
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
    {
        if (Every is int every && epoch.Epoch % every == 0)
            fit.History.SavePlot(Path);
    }

    void IFitCallback.OnTrainEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        if (fit.History.Count > 0)
            fit.History.SavePlot(Path);
    }
}
