using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>A fixed-length vector of doubles held in a CPU float64 buffer of a <see cref="HostState"/>.</summary>
internal sealed class HostVector
{
    private readonly torch.Tensor _value;

    internal HostVector(torch.Tensor value) => _value = value;

    /// <summary>The number of entries.</summary>
    public int Length => (int)_value.shape[0];

    /// <summary>A copy of the entries (a read of host memory).</summary>
    public double[] Read()
    {
        using var data = _value.data<double>();
        return data.ToArray();
    }

    /// <summary>Replaces every entry.</summary>
    public void Write(ReadOnlySpan<double> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"Expected {Length} values but got {values.Length}.", nameof(values));
        using var data = _value.data<double>();
        for (int i = 0; i < values.Length; i++)
            data[i] = values[i];
    }
}
