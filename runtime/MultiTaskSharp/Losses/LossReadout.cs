using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>Copies loss tensors to plain numbers for reporting.</summary>
public static class LossReadout
{
    /// <summary>
    /// The values of scalar <paramref name="losses"/> as doubles, with a single copy from the device
    /// (one synchronisation per step instead of one per task).
    /// </summary>
    public static double[] Read(params ReadOnlySpan<torch.Tensor> losses)
    {
        var detached = new torch.Tensor[losses.Length];
        for (int i = 0; i < losses.Length; i++)
            detached[i] = losses[i].detach().reshape(1).to_type(torch.ScalarType.Float64);
        using var values = torch.cat(detached).cpu();
        return values.data<double>().ToArray();
    }

    /// <summary>Throws unless <paramref name="values"/> has one entry per task.</summary>
    public static void CheckCount(ReadOnlySpan<double> values, int taskCount)
    {
        if (values.Length != taskCount)
            throw new ArgumentException($"Expected {taskCount} task values but got {values.Length}.", nameof(values));
    }
}
