using System;
using System.Collections.Generic;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>A batch source whose batches depend on the epoch (to place a bad batch at a known epoch and position).</summary>
public sealed class EpochSource<TBatch>(Func<int, IReadOnlyList<TBatch>> batches, int batchCount) : IBatchSource<TBatch>
{
    public int? BatchCount => batchCount;

    public IEnumerable<TBatch> GetBatches(int epoch) => batches(epoch);
}
