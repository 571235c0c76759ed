namespace MultiTaskSharp;

/// <summary>Progress of a fit: reported after every training step (see <see cref="ProgressCallback"/> for when the loss is refreshed).</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Batch">The batches done in this epoch, from 1.</param>
/// <param name="BatchCount">The batches per epoch, when the source knows.</param>
/// <param name="Loss">
/// The epoch's running mean total loss as last read from the device: at most <see cref="ProgressCallback.RefreshInterval"/>
/// old, and exact on the first and last step of an epoch. NaN until the epoch's first trained step.
/// </param>
public readonly record struct FitProgress(int Epoch, int Epochs, int Batch, int? BatchCount, double Loss);
