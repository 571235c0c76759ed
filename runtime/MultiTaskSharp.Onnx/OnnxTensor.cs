using System;
using System.Linq;

namespace MultiTaskSharp.Onnx;

/// <summary>
/// A dense row-major array with a shape: what the ONNX predictor takes and returns, so an inference application needs
/// no tensor library. The first dimension indexes examples.
/// </summary>
public abstract class OnnxTensor
{
    private protected OnnxTensor(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (long dim in shape)
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(shape));
        Shape = (long[])shape.Clone();
    }

    /// <summary>The dimensions, outermost first.</summary>
    public long[] Shape { get; }

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public long Count => Shape.Aggregate(1L, (product, dim) => product * dim);

    /// <summary>The element type as ONNX names it: <c>float</c>, <c>int64</c> or <c>bool</c>.</summary>
    public abstract string ElementTypeName { get; }

    /// <summary>The shape as <c>[2, 1, 32, 32]</c>, as error messages write it.</summary>
    public string ShapeText => Format(Shape);

    internal static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>A float32 tensor over <paramref name="data"/> (not copied).</summary>
    public static OnnxTensor<float> Create(float[] data, params long[] shape) => new(data, shape);

    /// <summary>An int64 tensor (token or category indices, for an input that feeds an Embedding) over <paramref name="data"/>.</summary>
    public static OnnxTensor<long> Create(long[] data, params long[] shape) => new(data, shape);

    internal static string TypeName<T>() => typeof(T) == typeof(float) ? "float"
        : typeof(T) == typeof(long) ? "int64"
        : typeof(T) == typeof(bool) ? "bool"
        : typeof(T).Name;
}

/// <summary>A dense row-major array of <typeparamref name="T"/> with a shape.</summary>
/// <typeparam name="T"><see cref="float"/>, <see cref="long"/> or <see cref="bool"/>.</typeparam>
public sealed class OnnxTensor<T> : OnnxTensor where T : unmanaged
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The data's length is not the product of the dimensions.</exception>
    public OnnxTensor(T[] data, params long[] shape) : base(shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != Count)
            throw new ArgumentException($"A tensor of shape {ShapeText} holds {Count} elements, but the data has {data.LongLength}.", nameof(data));
        Data = data;
    }

    /// <summary>The elements in row-major order.</summary>
    public T[] Data { get; }

    /// <inheritdoc/>
    public override string ElementTypeName => TypeName<T>();

    /// <summary>The element at <paramref name="index"/> (one index per dimension).</summary>
    public T this[params long[] index] => Data[Offset(index)];

    private long Offset(long[] index)
    {
        if (index.Length != Shape.Length)
            throw new ArgumentException($"A tensor of shape {ShapeText} takes {Shape.Length} indices, not {index.Length}.", nameof(index));
        long offset = 0;
        for (int d = 0; d < index.Length; d++)
        {
            if ((ulong)index[d] >= (ulong)Shape[d])
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[d]} is outside dimension {d} of size {Shape[d]}.");
            offset = offset * Shape[d] + index[d];
        }
        return offset;
    }

    /// <summary>The elements of example <paramref name="example"/> (a slice along the first dimension).</summary>
    public ReadOnlySpan<T> Example(int example)
    {
        if (Shape.Length == 0)
            throw new InvalidOperationException("A scalar has no examples.");
        ArgumentOutOfRangeException.ThrowIfNegative(example);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(example, Shape[0]);
        long size = Shape[0] == 0 ? 0 : Count / Shape[0];
        return Data.AsSpan(checked((int)(example * size)), checked((int)size));
    }
}
