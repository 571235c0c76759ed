using System;
using System.ComponentModel;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>Copies loss tensors to plain numbers for reporting.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossReadout
{
    /// <summary>
    /// The values of scalar <paramref name="losses"/> as doubles, with a single copy from the device
    /// (one synchronisation instead of one per task).
    /// </summary>
    public static double[] Read(params ReadOnlySpan<torch.Tensor> losses)
    {
        using var scope = torch.NewDisposeScope();
        var detached = new torch.Tensor[losses.Length];
        for (int i = 0; i < losses.Length; i++)
            detached[i] = losses[i].detach().reshape(1).to_type(torch.ScalarType.Float64);
        return HostReads.Values(torch.cat(detached));
    }

    /// <summary>Throws unless <paramref name="values"/> has <paramref name="count"/> entries.</summary>
    public static void CheckCount(ReadOnlySpan<double> values, int count)
    {
        if (values.Length != count)
            throw new ArgumentException($"Expected {count} values but got {values.Length}.", nameof(values));
    }
}
