using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// Where training and evaluation read batches from. Implement it to stream from your own storage;
/// <see cref="TensorBatches{TBatch}"/> serves in-memory tensors.
/// </summary>
/// <remarks>
/// Tensors a source creates while it is enumerated belong to the dispose scope of the step that
/// consumes them and are freed after that step; a source that hands out tensors it keeps must
/// create them outside any dispose scope.
/// </remarks>
public interface IBatchSource<TBatch>
{
    /// <summary>The batches of one pass over the data. <paramref name="epoch"/> lets a source reshuffle.</summary>
    IEnumerable<TBatch> GetBatches(int epoch);

    /// <summary>The number of batches per pass, when known (for progress reporting).</summary>
    int? BatchCount { get; }
}
