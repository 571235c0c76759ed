using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>Three noisy linear functions of five features, for <see cref="SharedLinearModel"/>.</summary>
public static class SharedLinearData
{
    public static (SharedLinearModel.Batch Train, SharedLinearModel.Batch Validation) Create(long train, long validation)
    {
        var generator = new Generator(31);
        var weights = randn(new long[] { 5, 3 }, generator: generator);
        var offsets = tensor(new[] { 1.0f, -2.0f, 0.5f });
        SharedLinearModel.Batch Split(long count)
        {
            var x = randn(new[] { count, 5L }, generator: generator);
            var y = x.matmul(weights) + offsets + 0.05 * randn(new[] { count, 3L }, generator: generator);
            return new SharedLinearModel.Batch(x, new SharedLinearModel.Targets(y[.., 0..1], y[.., 1..2], y[.., 2..3]));
        }
        return (Split(train), Split(validation));
    }
}
