using System;

namespace MultiTaskSharp;

/// <summary>
/// A <see cref="IFitCallback"/> written against one model's records, so its hooks see that model's typed epoch record
/// (<c>epoch.Validation.Shape.Accuracy</c>). Override what you need; every hook is empty by default.
/// </summary>
/// <example>
/// <code>
/// sealed class StopAtTarget : FitCallback&lt;SceneModel.LossValues, SceneModel.Metrics&gt;
/// {
///     protected override void OnEpochEnd(FitContext&lt;SceneModel.LossValues, SceneModel.Metrics&gt; fit, EpochRecord&lt;SceneModel.LossValues, SceneModel.Metrics&gt; epoch)
///     {
///         if (epoch.Validation?.Shape.Accuracy &gt;= 0.95)
///             fit.StopTraining("Shape accuracy reached 95 %");
///     }
/// }
/// </code>
/// </example>
public abstract class FitCallback<TLossValues, TMetrics> : IFitCallback
    where TLossValues : ILossValues<TLossValues>
    where TMetrics : class, ITaskMetricsSet
{
    /// <inheritdoc cref="IFitCallback.OnTrainBegin"/>
    protected virtual void OnTrainBegin(FitContext<TLossValues, TMetrics> fit)
    {
    }

    /// <inheritdoc cref="IFitCallback.OnEpochBegin"/>
    protected virtual void OnEpochBegin(FitContext<TLossValues, TMetrics> fit)
    {
    }

    /// <inheritdoc cref="IFitCallback.OnBatchBegin"/>
    protected virtual void OnBatchBegin(FitContext<TLossValues, TMetrics> fit, int batch)
    {
    }

    /// <inheritdoc cref="IFitCallback.OnBatchEnd"/>
    protected virtual void OnBatchEnd(FitContext<TLossValues, TMetrics> fit, FitBatch batch)
    {
    }

    /// <inheritdoc cref="IFitCallback.OnEpochEnd"/>
    protected virtual void OnEpochEnd(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
    {
    }

    /// <inheritdoc cref="IFitCallback.OnTrainEnd"/>
    protected virtual void OnTrainEnd(FitContext<TLossValues, TMetrics> fit)
    {
    }

    void IFitCallback.OnTrainBegin<TL, TM>(FitContext<TL, TM> fit) => OnTrainBegin(Typed(fit));

    void IFitCallback.OnEpochBegin<TL, TM>(FitContext<TL, TM> fit) => OnEpochBegin(Typed(fit));

    void IFitCallback.OnBatchBegin<TL, TM>(FitContext<TL, TM> fit, int batch) => OnBatchBegin(Typed(fit), batch);

    void IFitCallback.OnBatchEnd<TL, TM>(FitContext<TL, TM> fit, FitBatch batch) => OnBatchEnd(Typed(fit), batch);

    void IFitCallback.OnEpochEnd<TL, TM>(FitContext<TL, TM> fit, EpochRecord<TL, TM> epoch)
        => OnEpochEnd(Typed(fit), (EpochRecord<TLossValues, TMetrics>)(object)epoch);

    void IFitCallback.OnTrainEnd<TL, TM>(FitContext<TL, TM> fit) => OnTrainEnd(Typed(fit));

    private FitContext<TLossValues, TMetrics> Typed<TL, TM>(FitContext<TL, TM> fit)
        where TL : ILossValues<TL>
        where TM : class, ITaskMetricsSet
        => fit as FitContext<TLossValues, TMetrics> ?? throw new InvalidOperationException(
            $"{GetType().Name} is a callback for models with {typeof(TLossValues).FullName} losses and {typeof(TMetrics).FullName} metrics, "
            + $"but it was given to the fit of a model with {typeof(TL).FullName} and {typeof(TM).FullName}; use it with its own model, or implement IFitCallback to serve any model.");
}
