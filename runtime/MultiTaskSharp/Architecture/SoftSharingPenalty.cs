using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>The penalties of <see cref="SoftSharingAttribute"/>, over towers of identical structure.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftSharingPenalty
{
    /// <summary>The penalty of <paramref name="kind"/> over <paramref name="towers"/> (unweighted).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Tensor Compute(SharingPenalty kind, string name, params nn.Module[] towers) => kind switch
    {
        SharingPenalty.SquaredL2 => SquaredL2(name, towers),
        SharingPenalty.TraceNorm => TraceNorm(name, towers),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown soft-sharing penalty for '{name}'."),
    };

    /// <summary>
    /// <c>Σ_p Σ_{i&lt;j} ‖W_i^p − W_j^p‖²</c>: the squared L2 distance between corresponding parameters of every pair of
    /// towers (Duong et al., ACL 2015).
    /// </summary>
    public static Tensor SquaredL2(string name, params nn.Module[] towers)
    {
        var parameters = Corresponding(name, towers);
        Tensor? total = null;
        foreach (var group in parameters)
        {
            for (int i = 0; i < group.Length; i++)
            {
                for (int j = i + 1; j < group.Length; j++)
                {
                    var term = (group[i] - group[j]).square().sum();
                    total = total is null ? term : total + term;
                }
            }
        }
        return total ?? zeros(1).squeeze();
    }

    /// <summary>
    /// <c>Σ_p ‖[vec W_1^p; …; vec W_T^p]‖_*</c>: for each parameter, the nuclear norm of the matrix whose rows are the
    /// towers' copies of it (Yang &amp; Hospedales, 2017). Low when the towers' parameters span few directions.
    /// </summary>
    public static Tensor TraceNorm(string name, params nn.Module[] towers)
    {
        var parameters = Corresponding(name, towers);
        Tensor? total = null;
        foreach (var group in parameters)
        {
            var stacked = stack(group.Select(p => p.flatten()).ToArray(), 0);
            var term = linalg.svdvals(stacked).sum();
            total = total is null ? term : total + term;
        }
        return total ?? zeros(1).squeeze();
    }

    /// <summary>The towers' parameters grouped by position; throws naming the first parameter whose shape differs.</summary>
    private static List<Tensor[]> Corresponding(string name, nn.Module[] towers)
    {
        if (towers.Length < 2)
            throw new ArgumentException($"Soft sharing '{name}' needs at least two towers.", nameof(towers));
        var lists = towers.Select(t => t.named_parameters().ToList()).ToList();
        var groups = new List<Tensor[]>();
        for (int p = 0; p < lists[0].Count; p++)
        {
            var group = new Tensor[towers.Length];
            for (int t = 0; t < towers.Length; t++)
            {
                if (p >= lists[t].Count || !lists[t][p].parameter.shape.SequenceEqual(lists[0][p].parameter.shape))
                    throw new InvalidOperationException(
                        $"Soft sharing '{name}': parameter '{lists[0][p].name}' is {Shapes.Format(lists[0][p].parameter)} in the first tower but "
                        + (p < lists[t].Count ? $"'{lists[t][p].name}' is {Shapes.Format(lists[t][p].parameter)}" : "missing") + $" in tower {t}.");
                group[t] = lists[t][p].parameter;
            }
            groups.Add(group);
        }
        if (lists.Any(l => l.Count != lists[0].Count))
            throw new InvalidOperationException($"Soft sharing '{name}': the towers have different numbers of parameters.");
        return groups;
    }
}
