using MultiTaskSharp.Generated;

namespace MultiTaskSharp;

/// <summary>
/// A hook into <c>Fit</c>, in the manner of Keras callbacks and Lightning hooks: called when training begins and ends,
/// around every epoch and every batch. A callback can stop training (<see cref="FitContext{TLossValues, TMetrics}.StopTraining"/>),
/// log (<see cref="FitContext{TLossValues, TMetrics}.Logger"/>) and read the typed epoch record. Every method has an
/// empty default: implement only what you need. Early stopping, checkpoints, schedulers, TensorBoard, progress and
/// logging are callbacks too (<see cref="FitOptions.Callbacks"/>).
/// </summary>
/// <remarks>
/// The methods are generic because one callback serves any model; for a callback written against one model's records,
/// derive from <see cref="FitCallback{TLossValues, TMetrics}"/> instead. Callbacks run on the training thread, in the
/// order of <see cref="FitOptions.Callbacks"/>, after the ones <see cref="FitOptions"/>' own properties create. An
/// exception from a callback ends the fit.
/// </remarks>
public interface IFitCallback
{
    /// <summary>Before the first epoch (after resuming from a checkpoint, whose epochs are then in the history).</summary>
    void OnTrainBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }

    /// <summary>Before the first batch of epoch <see cref="FitContext{TLossValues, TMetrics}.Epoch"/>.</summary>
    void OnEpochBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }

    /// <summary>Before training step <paramref name="batch"/> (from 1) of the current epoch.</summary>
    void OnBatchBegin<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, int batch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }

    /// <summary>
    /// After a training step (or a skipped batch). The step's losses stay on the device; read the epoch's running loss
    /// with <see cref="FitContext{TLossValues, TMetrics}.ReadRunningLoss"/> when you need it (one device-to-host copy).
    /// </summary>
    void OnBatchEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, FitBatch batch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }

    /// <summary>After an epoch, validated or not; <paramref name="epoch"/> is already the history's last record.</summary>
    void OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }

    /// <summary>
    /// After the last epoch, after a callback stopped training, or after cancellation (see
    /// <see cref="TrainingHistory{TLossValues, TMetrics}.Cancelled"/>); not after an exception.
    /// </summary>
    void OnTrainEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
    }
}

/// <summary>A finished training step of <c>Fit</c>, as <see cref="IFitCallback.OnBatchEnd"/> sees it.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">The batch within the epoch, from 1 (skipped batches count).</param>
/// <param name="BatchCount">The batches per epoch, when the source knows.</param>
/// <param name="Problem">Why the batch was skipped (<see cref="TrainStepOptions.SkipInvalidBatches"/>), or null when it was trained on.</param>
public readonly record struct FitBatch(int Epoch, int Batch, int? BatchCount, BatchProblem? Problem)
{
    /// <summary>Whether the batch was skipped instead of trained on.</summary>
    public bool Skipped => Problem is not null;

    /// <summary>Whether this is the epoch's last batch (known only when the source knows its batch count).</summary>
    public bool IsLast => BatchCount is int count && Batch >= count;
}
