namespace MultiTaskSharp;

/// <summary>
/// A <see cref="IFitCallback"/> that writes files, logs or reports (checkpoints, TensorBoard, plots, the logger,
/// progress). In data-parallel training (<see cref="FitOptions.DataParallel"/>) only process 0 runs it, so N processes
/// write one set of outputs; in a single process it runs as any callback does. Implement it on a callback of your own
/// that writes something; callbacks that decide (schedulers, early stopping) run on every process.
/// </summary>
public interface IRootOnlyCallback : IFitCallback
{
}
