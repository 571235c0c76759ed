using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Topologies;

/// <summary>How far apart two task towers of identical structure are.</summary>
public static class TowerDistance
{
    /// <summary>
    /// Σ_p ‖A_p − B_p‖² over the corresponding parameters of the towers registered as <paramref name="towerA"/> and
    /// <paramref name="towerB"/>: the quantity the squared-L2 soft-sharing penalty weighs, computed from the parameters
    /// so it can be compared across models with and without the penalty.
    /// </summary>
    public static double SquaredL2(nn.Module model, string towerA, string towerB)
    {
        using var scope = NewDisposeScope();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pairs = parameters.Keys.Where(name => name.StartsWith(towerA + ".", StringComparison.Ordinal))
            .Select(name => (A: parameters[name], B: parameters[towerB + name[towerA.Length..]]))
            .ToList();
        if (pairs.Count == 0)
            throw new ArgumentException($"The model has no parameters under '{towerA}'.", nameof(towerA));
        using var noGrad = no_grad();
        return pairs.Select(pair => (pair.A - pair.B).square().sum().to_type(ScalarType.Float64).item<double>()).Sum();
    }
}
