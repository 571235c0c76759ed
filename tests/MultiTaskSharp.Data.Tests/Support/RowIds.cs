using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

internal static class RowIds
{
    /// <summary>The row indices (StreamData's Score column) of an epoch, in the order the source delivers them.</summary>
    public static List<int> Of(StreamingBatches<StreamModel.Batch> source, int epoch)
    {
        using var scope = NewDisposeScope();
        return source.GetBatches(epoch).SelectMany(b => b.Targets.Score!.data<float>().ToArray()).Select(s => (int)s).ToList();
    }
}
