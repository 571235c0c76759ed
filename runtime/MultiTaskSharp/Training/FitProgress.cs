namespace MultiTaskSharp;

/// <summary>Progress of a fit: reported after every training step (the loss is refreshed every few steps).</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Batch">The batches done in this epoch, from 1.</param>
/// <param name="BatchCount">The batches per epoch, when the source knows.</param>
/// <param name="Loss">The epoch's running mean total loss, as last read from the device (every <see cref="FitOptions.ReportEvery"/> steps).</param>
public readonly record struct FitProgress(int Epoch, int Epochs, int Batch, int? BatchCount, double Loss);
