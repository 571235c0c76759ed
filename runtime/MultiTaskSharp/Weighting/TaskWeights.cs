using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// What a loss-based strategy's <see cref="LossWeighting.Weigh"/> returns: one weight per task (declaration order),
/// either host numbers (fixed, scheduled, random, epoch-based weights) or a device vector (weights computed from the
/// step's losses, or learned ones that stay in the graph), and optionally one additive term per task (uncertainty
/// weighting's regulariser <c>½s_t</c>).
/// </summary>
public readonly struct TaskWeights
{
    private TaskWeights(double[]? host, torch.Tensor? device, torch.Tensor? offsets)
    {
        Host = host;
        Device = device;
        Offsets = offsets;
    }

    /// <summary>The weights as host numbers, or null when they are a device vector.</summary>
    public IReadOnlyList<double>? Host { get; }

    /// <summary>The weights as a [T] device vector (kept in the graph if it requires gradients), or null.</summary>
    public torch.Tensor? Device { get; }

    /// <summary>A [T] vector added to each present task's weighted loss, or null.</summary>
    public torch.Tensor? Offsets { get; }

    /// <summary>The number of weights.</summary>
    public int Count => Host?.Count ?? (int)Device!.shape[0];

    /// <summary>Host weights, one finite number per task.</summary>
    public static TaskWeights Of(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var copy = weights.ToArray();
        for (int t = 0; t < copy.Length; t++)
        {
            if (!double.IsFinite(copy[t]))
                throw new ArgumentOutOfRangeException(nameof(weights), copy[t], $"Task weight #{t} must be finite.");
        }
        return new TaskWeights(copy, null, null);
    }

    /// <summary>Device weights [T] (and optional additive terms [T]).</summary>
    public static TaskWeights Of(torch.Tensor weights, torch.Tensor? offsets = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.dim() != 1 || (offsets is not null && (offsets.dim() != 1 || offsets.shape[0] != weights.shape[0])))
            throw new ArgumentException($"Task weights must be a vector (and the offsets one of the same length), not [{string.Join(", ", weights.shape)}].", nameof(weights));
        return new TaskWeights(null, weights, offsets);
    }

    /// <summary>Host weights.</summary>
    public static implicit operator TaskWeights(double[] weights) => Of(weights);
}
