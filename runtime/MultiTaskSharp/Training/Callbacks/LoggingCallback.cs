using System;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace MultiTaskSharp;

/// <summary>
/// Writes a fit's course to an <see cref="ILogger"/>: its start, one summary per epoch (training losses, validation
/// metrics, learning rate, time) and why it ended, at <see cref="LogLevel.Information"/>; skipped batches at
/// <see cref="LogLevel.Warning"/>. <see cref="FitOptions.Logger"/> adds one; nothing is written to the console.
/// </summary>
/// <remarks>Numbers are formatted with the invariant culture, so logs read the same on every machine.</remarks>
public sealed class LoggingCallback : IRootOnlyCallback
{
    private readonly ILogger? _logger;

    /// <param name="logger">The logger; null: the fit's <see cref="FitContext{TLossValues, TMetrics}.Logger"/>.</param>
    public LoggingCallback(ILogger? logger = null) => _logger = logger;

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        => TrainBegin(Logger(fit), fit.Epoch + 1, fit.Epochs, string.Join(", ", fit.Tasks), fit.Weighting.GetType().Name, null);

    void IFitCallback.OnBatchEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, FitBatch batch)
    {
        if (batch.Problem is { } problem)
            Skipped(Logger(fit), batch.Epoch, batch.Batch, $"{(problem.IsInput ? "Input" : "Task")} '{problem.Task}': {problem.Member}: {problem.Message}", null);
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
    {
        var logger = Logger(fit);
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        var tasks = fit.Tasks;
        string losses = string.Join(", ", tasks.Select((task, t) => $"{task} {Number(epoch.Train[t])}"));
        string validation = epoch.Validation is not { } metrics ? "not validated"
            : string.Join("; ", metrics.Tasks.Select(Describe));
        string rate = epoch.LearningRate is double lr ? $"learning rate {Number(lr)}; " : "";
        EpochSummary(logger, epoch.Epoch, fit.Epochs, epoch.Train.Total, losses, validation, $"{rate}{Number(epoch.Elapsed.TotalSeconds)} s", null);
    }

    void IFitCallback.OnTrainEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        var history = fit.History;
        string outcome = history.Cancelled ? "cancelled"
            : history.StoppedEarly ? $"stopped early: {history.StopReason}"
            : "completed";
        TrainEnd(Logger(fit), outcome, history.Count, history.BestEpoch, null);
    }

    private ILogger Logger<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
        => _logger ?? fit.Logger;

    private static string Describe(TaskMetrics task)
    {
        var parts = EpochSeries.Metrics.Where(m => task.Get(m) is not null).Select(m => $"{m} {Number(task.Get(m)!.Value)}");
        return $"{task.Task} loss {Number(task.Loss)}" + string.Concat(parts.Select(p => ", " + p));
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    // LoggerMessage.Define: the message templates are parsed once and the values stay structured. (Not the
    // [LoggerMessage] source generator, so the runtime compiles from its sources alone.)
    private static readonly Action<ILogger, int, int, string, string, Exception?> TrainBegin = LoggerMessage.Define<int, int, string, string>(
        LogLevel.Information, new EventId(1, "FitBegin"), "Fit: epochs {FirstEpoch} to {Epochs}, tasks {Tasks}, weighting {Weighting}");

    private static readonly Action<ILogger, int, int, double, string, string, string, Exception?> EpochSummary = LoggerMessage.Define<int, int, double, string, string, string>(
        LogLevel.Information, new EventId(2, "FitEpoch"), "Epoch {Epoch}/{Epochs}: training loss {TrainingLoss} ({TaskLosses}); validation: {Validation}; {Details}");

    private static readonly Action<ILogger, int, int, string, Exception?> Skipped = LoggerMessage.Define<int, int, string>(
        LogLevel.Warning, new EventId(3, "FitSkippedBatch"), "Epoch {Epoch}, batch {Batch} skipped: {Problem}");

    private static readonly Action<ILogger, string, int, int?, Exception?> TrainEnd = LoggerMessage.Define<string, int, int?>(
        LogLevel.Information, new EventId(4, "FitEnd"), "Fit {Outcome} after {EpochCount} epoch(s); best epoch {BestEpoch}");
}
