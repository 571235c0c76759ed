namespace MultiTaskSharp;

/// <summary>Progress of a fit: reported after every training step.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Batch">The batches done in this epoch, from 1.</param>
/// <param name="BatchCount">The batches per epoch, when the source knows.</param>
/// <param name="Loss">The total loss of the step just taken.</param>
public readonly record struct FitProgress(int Epoch, int Epochs, int Batch, int? BatchCount, double Loss);
