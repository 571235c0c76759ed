using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>Collects what a fit reports (steps and epochs) and checks it against the returned history.</summary>
public sealed class FitRecorder<TLossValues, TMetrics>
    where TLossValues : ILossValues<TLossValues>
    where TMetrics : class, ITaskMetricsSet
{
    public RecordingProgress Progress { get; } = new();

    public List<EpochRecord<TLossValues, TMetrics>> Epochs { get; } = [];

    public void OnEpoch(EpochRecord<TLossValues, TMetrics> record) => Epochs.Add(record);

    /// <summary>
    /// Checks the reports of a fit of <paramref name="epochs"/> epochs of <paramref name="batches"/> batches,
    /// validated every epoch, and that the training loss fell below <paramref name="fraction"/> of the first epoch's.
    /// </summary>
    public void Check(TrainingHistory<TLossValues, TMetrics> history, int epochs, int batches, double fraction)
    {
        Assert.Equal(epochs, history.Count);
        Assert.Equal(history, Epochs);
        Assert.Equal(Enumerable.Range(1, epochs), history.Select(e => e.Epoch));
        Assert.All(history, e => Assert.NotNull(e.Validation));
        Assert.All(history, e => Assert.Equal(TLossValues.TaskNames.Count, e.Validation!.Tasks.Count));

        Assert.Equal(epochs * batches, Progress.Reports.Count);
        Assert.All(Progress.Reports, r => Assert.Equal((epochs, batches), (r.Epochs, r.BatchCount!.Value)));
        Assert.Equal(
            Enumerable.Range(1, epochs).SelectMany(e => Enumerable.Range(1, batches).Select(b => (e, b))),
            Progress.Reports.Select(r => (r.Epoch, r.Batch)));

        // With the running loss read every step (ReportEvery = 1), the epoch's last report is the epoch's training loss.
        for (int e = 0; e < epochs; e++)
            Assert.Equal(Progress.Reports[(e + 1) * batches - 1].Loss, history[e].Train.Total, 6);

        double first = history[0].Train.Total, last = history.Last.Train.Total;
        Assert.True(last < fraction * first, $"training loss fell from {first:G4} to {last:G4}, not below {fraction:P0} of it");
    }
}
