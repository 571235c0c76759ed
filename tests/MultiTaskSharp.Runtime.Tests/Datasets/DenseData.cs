using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>
/// Six features: the label is the arg-max of the first three (chance 1/3), the score a smooth
/// non-linear function of the other three. For <see cref="DenseModel"/>.
/// </summary>
public static class DenseData
{
    public static (DenseModel.Batch Train, DenseModel.Batch Validation) Create(long train, long validation)
    {
        var generator = new Generator(41);
        DenseModel.Batch Split(long count)
        {
            var x = randn(new[] { count, 6L }, generator: generator);
            var label = x[.., 0..3].argmax(1);
            var score = (x[.., 3].sin() + 0.5 * x[.., 4] * x[.., 5]).unsqueeze(1);
            return new DenseModel.Batch(x, new DenseModel.Targets(label, score));
        }
        return (Split(train), Split(validation));
    }
}
