namespace MultiTaskSharp;

/// <summary>
/// Logs every epoch to a <see cref="TensorBoardLogger"/> as <c>Fit</c> ends it: what <see cref="FitOptions.TensorBoard"/>
/// becomes, or add one per logger to <see cref="FitOptions.Callbacks"/>. (The logger itself lives with the other
/// exporters, which know nothing of <c>Fit</c>.)
/// </summary>
/// <param name="logger">The logger, which writes its own run subdirectory.</param>
public sealed class TensorBoardCallback(TensorBoardLogger logger) : IFitCallback
{
    /// <summary>The logger epochs go to.</summary>
    public TensorBoardLogger Logger { get; } = logger ?? throw new System.ArgumentNullException(nameof(logger));

    void IFitCallback.OnEpochEnd<TLossValues, TMetrics>(FitContext<TLossValues, TMetrics> fit, EpochRecord<TLossValues, TMetrics> epoch)
        => Logger.Log(epoch);
}
