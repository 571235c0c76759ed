using System.Collections.Generic;
using MultiTaskSharp.Generated;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// What the training loop needs from a generated model. The generated code implements it with typed batches, loss
/// values and metrics; <see cref="Trainer"/> drives it.
/// </summary>
public interface IMultiTaskModel<TBatch, TLossValues, TMetrics> : IStepModel<TBatch>
    where TLossValues : ILossValues<TLossValues>
    where TMetrics : ITaskMetricsSet
{
    /// <summary>
    /// One optimisation step on <paramref name="batch"/>: zero gradients, forward, losses, checks, the strategy's backward
    /// pass, optional clipping, optimizer step; all tensors it creates are freed before it returns.
    /// </summary>
    TLossValues TrainStep(TBatch batch, torch.optim.Optimizer optimizer, TrainStepOptions? options = null);

    /// <summary>Per-task loss and metrics over <paramref name="batches"/>, without gradients.</summary>
    TMetrics Evaluate(IEnumerable<TBatch> batches);

    /// <summary>Switches dropout, batch-norm and similar layers between training and inference behaviour.</summary>
    void SetTrainingMode(bool training);
}
