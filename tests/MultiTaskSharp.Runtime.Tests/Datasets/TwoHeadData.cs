using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>Random examples for <see cref="TwoHeadModel"/> from a fixed data seed (independent of the global seed).</summary>
public static class TwoHeadData
{
    public static TwoHeadModel.Batch Create(long count, ulong seed = 21)
    {
        var generator = new Generator(seed);
        var input = randn(new[] { count, 4L }, generator: generator);
        var kind = randint(0, 3, new[] { count }, generator: generator);
        var size = randn(new[] { count, 1L }, generator: generator);
        return new TwoHeadModel.Batch(input, new TwoHeadModel.Targets(kind, size));
    }
}
