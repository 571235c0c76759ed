using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>Tensor comparisons with messages that show what differed.</summary>
public static class TorchAssert
{
    /// <summary>Tight tolerances for comparing two computations of the same thing in one process.</summary>
    public const double Rtol = 1e-6, Atol = 1e-7;

    public static void AllClose(Tensor expected, Tensor actual, string what, double rtol = Rtol, double atol = Atol)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var e = expected.detach().cpu().to_type(ScalarType.Float64);
        using var a = actual.detach().cpu().to_type(ScalarType.Float64);
        if (!a.allclose(e, rtol, atol))
        {
            double worst = (a - e).abs().max().item<double>();
            Assert.Fail($"{what}: tensors differ (max |Δ| = {worst:G6}, rtol {rtol}, atol {atol}).");
        }
    }

    /// <summary>Copies of every named parameter, detached, so later updates can be compared against them.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module module)
        => module.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().DetachFromDisposeScope());

    /// <summary>Asserts every parameter of <paramref name="module"/> is bit-identical to <paramref name="snapshot"/>.</summary>
    public static void Unchanged(Dictionary<string, Tensor> snapshot, nn.Module module)
    {
        var current = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(snapshot.Keys.OrderBy(k => k), current.Keys.OrderBy(k => k));
        foreach (var (name, before) in snapshot)
            Assert.True(before.shape.SequenceEqual(current[name].shape) && before.eq(current[name]).all().item<bool>(), $"parameter {name} changed");
    }

    /// <summary>Asserts the two modules have the same parameter names and allclose values.</summary>
    public static void SameParameters(nn.Module expected, nn.Module actual, double rtol = Rtol, double atol = Atol)
    {
        var e = expected.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var a = actual.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(e.Keys.OrderBy(k => k), a.Keys.OrderBy(k => k));
        foreach (var (name, value) in e)
            AllClose(value, a[name], "parameter " + name, rtol, atol);
    }
}
