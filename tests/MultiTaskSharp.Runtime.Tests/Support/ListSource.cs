using System.Collections.Generic;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>A batch source over fixed batches that records which epochs were requested.</summary>
public sealed class ListSource<TBatch>(IReadOnlyList<TBatch> batches, bool knowsCount = true) : IBatchSource<TBatch>
{
    public List<int> RequestedEpochs { get; } = [];

    public int? BatchCount => knowsCount ? batches.Count : null;

    public IEnumerable<TBatch> GetBatches(int epoch)
    {
        RequestedEpochs.Add(epoch);
        return batches;
    }
}
