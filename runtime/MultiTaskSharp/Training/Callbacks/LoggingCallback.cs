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
public sealed partial class LoggingCallback : IRootOnlyCallback
{
    private readonly ILogger? _logger;

    /// <param name="logger">The logger; null: the fit's <see cref="FitContext{TLossValues, TMetrics}.Logger"/>.</param>
    public LoggingCallback(ILogger? logger = null) => _logger = logger;

    void IFitCallback.OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        => TrainBegin(Logger(fit), fit.Epoch + 1, fit.Epochs, string.Join(", ", fit.Tasks), fit.Weighting.GetType().Name);

    void IFitCallback.OnBatchEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, FitBatch batch)
    {
        if (batch.Problem is { } problem)
            Skipped(Logger(fit), batch.Epoch, batch.Batch, $"{problem.Task}: {problem.Member}: {problem.Message}");
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
        EpochEnd(logger, epoch.Epoch, fit.Epochs, epoch.Train.Total, losses, validation,
            epoch.LearningRate ?? double.NaN, epoch.Elapsed.TotalSeconds);
    }

    void IFitCallback.OnTrainEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
    {
        var history = fit.History;
        string outcome = history.Cancelled ? "cancelled"
            : history.StoppedEarly ? $"stopped early: {history.StopReason}"
            : "completed";
        TrainEnd(Logger(fit), history.Count, outcome, history.BestEpoch);
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fit: epochs {FirstEpoch} to {Epochs}, tasks {Tasks}, weighting {Weighting}")]
    private static partial void TrainBegin(ILogger logger, int firstEpoch, int epochs, string tasks, string weighting);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Epoch {Epoch}/{Epochs}: training loss {TrainingLoss} ({TaskLosses}); validation: {Validation}; learning rate {LearningRate}; {ElapsedSeconds} s")]
    private static partial void EpochEnd(ILogger logger, int epoch, int epochs, double trainingLoss, string taskLosses, string validation, double learningRate, double elapsedSeconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Epoch {Epoch}, batch {Batch} skipped: {Problem}")]
    private static partial void Skipped(ILogger logger, int epoch, int batch, string problem);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Fit {Outcome} after {EpochCount} epoch(s); best epoch {BestEpoch}")]
    private static partial void TrainEnd(ILogger logger, int epochCount, string outcome, int? bestEpoch);
}
