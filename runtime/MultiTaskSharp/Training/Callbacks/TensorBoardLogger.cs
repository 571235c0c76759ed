using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace MultiTaskSharp;

/// <summary>
/// Writes the numbers of each epoch to a TensorBoard event file as scalars at step = epoch, with the
/// <see cref="EpochSeries"/> names as tags (<c>train/loss/Shape</c>, <c>validation/Shape/Accuracy</c>, ...). As a
/// <see cref="IFitCallback"/> (<see cref="FitOptions.TensorBoard"/>) it logs every epoch as <c>Fit</c> ends it.
/// </summary>
/// <example>
/// <code>
/// var history = model.Fit(train, optimizer, new FitOptions { TensorBoard = new TensorBoardLogger("runs/scene") }, validation);
/// // tensorboard --logdir runs/scene   (one run per logger, each in its own subdirectory)
/// </code>
/// </example>
/// <remarks>
/// TensorBoard treats each directory as one run and merges every event file in it, so each logger writes into a run
/// subdirectory of its own (<see cref="LogDirectory"/>): two trainings logged to the same folder show as two runs.
/// Every scalar is appended to the event file when it is logged, so nothing needs flushing or disposing and a
/// crashed run keeps what it logged. TensorBoard stores single-precision values.
/// </remarks>
public sealed class TensorBoardLogger : IRootOnlyCallback
{
    private readonly EventFileWriter _writer;

    /// <summary>Creates a logger that writes a new event file in a run subdirectory of <paramref name="logDirectory"/> (created if needed).</summary>
    /// <param name="logDirectory">The folder to point TensorBoard at (<c>tensorboard --logdir</c>); it may hold many runs.</param>
    /// <param name="runName">
    /// The run's subdirectory. Null (the default): a new one named after the current UTC time, never one that exists.
    /// Give a name to continue a run (after resuming from a checkpoint): its event files are then shown together.
    /// </param>
    public TensorBoardLogger(string logDirectory, string? runName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDirectory);
        if (runName is not null && (runName.Length == 0 || runName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || runName is "." or ".."))
            throw new ArgumentException($"The run name '{runName}' is not a valid folder name.", nameof(runName));
        LogDirectory = runName is null ? NewRunDirectory(logDirectory) : Path.Combine(logDirectory, runName);
        _writer = new EventFileWriter(LogDirectory);
    }

    /// <summary>The run's directory, which holds its event file.</summary>
    public string LogDirectory { get; }

    /// <summary>The event file this logger appends to.</summary>
    public string FilePath => _writer.Path;

    /// <summary>Logs every series of <paramref name="epoch"/>, and <paramref name="extra"/> ones, at step <see cref="EpochRecord{TLossValues, TMetrics}.Epoch"/>.</summary>
    /// <param name="epoch">The epoch, e.g. from <c>Fit</c>'s <c>onEpoch</c> callback.</param>
    /// <param name="extra">Further named numbers of the epoch (e.g. <c>new EpochScalar("train/learning_rate", lr)</c>).</param>
    public void Log<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> epoch, IEnumerable<EpochScalar>? extra = null)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(epoch);
        Log(epoch.Epoch, EpochSeries.Of(epoch));
        if (extra is not null)
            Log(epoch.Epoch, extra);
    }

    /// <summary>Logs every epoch of <paramref name="epochs"/> (e.g. a finished <see cref="TrainingHistory{TLossValues, TMetrics}"/>).</summary>
    public void Log<TLossValues, TMetrics>(IEnumerable<EpochRecord<TLossValues, TMetrics>> epochs)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        ArgumentNullException.ThrowIfNull(epochs);
        foreach (var epoch in epochs)
            Log(epoch);
    }

    /// <summary>Logs named numbers at <paramref name="step"/>.</summary>
    public void Log(int step, IEnumerable<EpochScalar> scalars)
    {
        ArgumentNullException.ThrowIfNull(scalars);
        foreach (var scalar in scalars)
            _writer.WriteScalar(scalar.Name, (float)scalar.Value, step);
    }

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
        => Log(epoch);

    private static string NewRunDirectory(string root)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int attempt = 1; ; attempt++)
        {
            var candidate = Path.Combine(root, attempt == 1 ? stamp : $"{stamp}-{attempt}");
            if (!Directory.Exists(candidate))
                return candidate;
        }
    }
}
