using MultiTaskSharp.Generator.Shapes;
using MultiTaskSharp.Generator.Shapes.Rules;
using Xunit;

namespace MultiTaskSharp.Generator.Tests.Shapes;

/// <summary>The small value types and arithmetic under the rules.</summary>
public sealed class ShapeValueTests
{
    [Fact]
    public void Tensor_shapes_compare_by_value_and_format_like_pytorch()
    {
        Assert.Equal(TensorShape.Of(32, 8, 8), TensorShape.Of(32, 8, 8));
        Assert.NotEqual(TensorShape.Of(32, 8, 8), TensorShape.Of(32, 8));
        Assert.NotEqual(TensorShape.Unknown, TensorShape.Of());
        Assert.Equal("[32, 8, 8]", TensorShape.Of(32, 8, 8).ToString());
        Assert.Equal("[3, ?]", TensorShape.Of(3, -1).ToString());
        Assert.Equal("[3, ?]", TensorShape.Of(3, 0).ToString());   // a size below 1 is not a size
        Assert.Equal("(unknown)", TensorShape.Unknown.ToString());
        Assert.Equal(-1, TensorShape.Unknown.Rank);
        Assert.False(TensorShape.Unknown.Skip(1).IsKnown);
        Assert.False(TensorShape.Unknown.Append(4).IsKnown);
        Assert.False(TensorShape.Unknown.WithLast(new long[] { 4 }).IsKnown);
    }

    [Fact]
    public void Products_overflow_to_unknown()
    {
        Assert.Equal(2048, TensorShape.Product(new long[] { 32, 8, 8 }));
        Assert.Equal(TensorShape.UnknownDim, TensorShape.Product(new long[] { 32, -1 }));
        Assert.Equal(TensorShape.UnknownDim, TensorShape.Product(new long[] { long.MaxValue, 2 }));
    }

    [Theory]
    [InlineData(1, 3, true, 0)]
    [InlineData(3, 3, true, 2)]
    [InlineData(-1, 3, true, 2)]
    [InlineData(-3, 3, true, 0)]
    [InlineData(0, 3, false, -1)]    // the batch itself
    [InlineData(-4, 3, false, -1)]   // the batch itself, from the end
    [InlineData(4, 3, false, -1)]
    [InlineData(long.MinValue, 3, false, -1)]
    public void Batch_dimensions_map_to_example_dimensions(long dim, int rank, bool valid, int index)
    {
        Assert.Equal(valid, BatchDims.TryExampleDim(dim, rank, out int actual));
        Assert.Equal(index, actual);
    }

    [Theory]
    [InlineData(32, 3, 1, 1, 1, false, 32)]
    [InlineData(32, 2, 2, 0, 1, false, 16)]
    [InlineData(5, 2, 2, 0, 1, true, 3)]
    [InlineData(9, 3, 2, 0, 1, true, 4)]
    [InlineData(1, 2, 2, 0, 1, false, 0)]   // too small: the caller reports it
    public void Pooling_output_sizes(long size, long kernel, long stride, long padding, long dilation, bool ceil, long expected)
    {
        Assert.True(SpatialMath.TryPooling(size, kernel, stride, padding, dilation, ceil, out long output));
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Floor_division_rounds_toward_negative_infinity()
    {
        Assert.Equal(-1, SpatialMath.FloorDiv(-1, 2));
        Assert.Equal(-2, SpatialMath.FloorDiv(-3, 2));
        Assert.Equal(1, SpatialMath.FloorDiv(3, 2));
        Assert.False(SpatialMath.TryConvolution(TensorShape.UnknownDim, 3, 1, 0, 1, out _));
    }

    [Fact]
    public void Argument_values_widen_scalars_but_not_single_element_arrays_unless_asked()
    {
        Assert.True(ArgValue.Integer(3).TryIntegers(2, out var widened));
        Assert.Equal(new long[] { 3, 3 }, widened);
        var single = ArgValue.List(new[] { ArgValue.Integer(4) });
        Assert.False(single.TryIntegers(2, out _));
        Assert.True(single.TryIntegers(2, out var expanded, expandSingleElement: true));
        Assert.Equal(new long[] { 4, 4 }, expanded);
        Assert.Equal(ArgKind.Unknown, ArgValue.List(new[] { ArgValue.Integer(1), ArgValue.Unknown }).Kind);
    }
}
