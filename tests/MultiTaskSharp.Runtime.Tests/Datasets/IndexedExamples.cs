using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>
/// A <see cref="TwoHeadModel"/> dataset whose example i carries i in every member (the first input
/// column, the Kind target and the Size target), so tests can see which examples a batch holds.
/// </summary>
public static class IndexedExamples
{
    public static TwoHeadModel.Batch Create(long count)
    {
        var index = arange(count, dtype: ScalarType.Int64);
        var input = index.to_type(ScalarType.Float32).unsqueeze(1).expand(count, 4).contiguous();
        return new TwoHeadModel.Batch(input, new TwoHeadModel.Targets(Kind: index, Size: index.to_type(ScalarType.Float32).unsqueeze(1)));
    }

    /// <summary>The example indices of <paramref name="batch"/>, checking that every member agrees.</summary>
    public static long[] Indices(TwoHeadModel.Batch batch)
    {
        var kind = batch.Targets!.Kind.data<long>().ToArray();
        var fromInput = batch.Input.select(1, 0).to_type(ScalarType.Int64).data<long>().ToArray();
        var fromSize = batch.Targets.Size.squeeze(1).to_type(ScalarType.Int64).data<long>().ToArray();
        Xunit.Assert.Equal(kind, fromInput);
        Xunit.Assert.Equal(kind, fromSize);
        return kind;
    }
}
