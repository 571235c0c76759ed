using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>
/// Two unrelated inputs: Sum is a weighted sum of the left input, Sign whether a weighted sum of the
/// right input is positive. For <see cref="TwoInputModel"/>.
/// </summary>
public static class TwoInputData
{
    public static (TwoInputModel.Batch Train, TwoInputModel.Batch Validation) Create(long train, long validation)
    {
        var generator = new Generator(51);
        var leftWeights = tensor(new[] { 1.0f, -0.5f, 2.0f });
        var rightWeights = tensor(new[] { 1.0f, 1.0f, -1.0f, 0.5f, -0.5f });
        TwoInputModel.Batch Split(long count)
        {
            var left = randn(new[] { count, 3L }, generator: generator);
            var right = randn(new[] { count, 5L }, generator: generator);
            var sum = left.matmul(leftWeights).unsqueeze(1);
            var sign = right.matmul(rightWeights).gt(0).to_type(ScalarType.Int64);
            return new TwoInputModel.Batch(new TwoInputModel.Inputs(left, right), new TwoInputModel.Targets(sum, sign));
        }
        return (Split(train), Split(validation));
    }
}
