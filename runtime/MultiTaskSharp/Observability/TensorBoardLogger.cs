using System;
using System.Collections.Generic;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Writes the numbers of each epoch to a TensorBoard event file as scalars at step = epoch, with the
/// <see cref="EpochSeries"/> names as tags (<c>train/loss/Shape</c>, <c>validation/Shape/Accuracy</c>, ...),
/// through TorchSharp's <c>torch.utils.tensorboard.SummaryWriter</c>.
/// </summary>
/// <example>
/// <code>
/// var board = new TensorBoardLogger("runs/scene");
/// model.Fit(train, optimizer, options, validation, onEpoch: e => board.Log(e));
/// // tensorboard --logdir runs
/// </code>
/// </example>
/// <remarks>
/// Every scalar is appended to the event file when it is logged (TorchSharp opens and closes the file per
/// event), so nothing needs flushing or disposing and a crashed run keeps what it logged. TensorBoard
/// stores single-precision values.
/// </remarks>
public sealed class TensorBoardLogger
{
    private readonly TorchSharp.Modules.SummaryWriter _writer;

    /// <summary>Creates a logger that writes a new event file in <paramref name="logDirectory"/> (created if needed).</summary>
    /// <param name="logDirectory">The run's directory; give each run its own (e.g. <c>runs/exp1</c>) to compare runs.</param>
    public TensorBoardLogger(string logDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDirectory);
        _writer = torch.utils.tensorboard.SummaryWriter(logDirectory);
    }

    /// <summary>The directory the event file is in.</summary>
    public string LogDirectory => _writer.LogDir;

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
            _writer.add_scalar(scalar.Name, (float)scalar.Value, step);
    }
}
