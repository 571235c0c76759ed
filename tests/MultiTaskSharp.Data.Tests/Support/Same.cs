using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Data.Tests;

internal static class Same
{
    /// <summary>Same dtype, shape and values (NaN equal to NaN).</summary>
    public static void Tensor(Tensor expected, Tensor? actual, string what)
    {
        Assert.NotNull(actual);
        Assert.True(expected.dtype == actual!.dtype, $"{what}: dtype {actual.dtype}, expected {expected.dtype}");
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        bool equal = expected.is_floating_point()
            ? expected.allclose(actual, rtol: 0, atol: 0, equal_nan: true)
            : expected.eq(actual).all().item<bool>();
        Assert.True(equal, $"{what}: values differ\nexpected {expected.ToString(TorchSharp.TensorStringStyle.Julia)}\nactual {actual.ToString(TorchSharp.TensorStringStyle.Julia)}");
    }

    public static void Batch(StreamModel.Batch expected, StreamModel.Batch actual, string what)
    {
        Tensor(expected.Input, actual.Input, what + " Features");
        Tensor(expected.Targets.Kind!, actual.Targets.Kind, what + " Kind");
        Tensor(expected.Targets.Score!, actual.Targets.Score, what + " Score");
        Tensor(expected.Targets.Tags, actual.Targets.Tags, what + " Tags");
    }
}
