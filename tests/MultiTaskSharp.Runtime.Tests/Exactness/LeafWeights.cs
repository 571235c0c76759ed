using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Exactness;

/// <summary>
/// Leaf copies of a model's parameters, by their registered names, for a hand-written forward pass that shares no
/// code with the generated model or the runtime's topology helpers: only TorchSharp's functional operations.
/// </summary>
internal sealed class LeafWeights
{
    private readonly Dictionary<string, Tensor> _weights;

    public LeafWeights(nn.Module model)
        => _weights = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().requires_grad_(true));

    public Tensor this[string name]
        => _weights.TryGetValue(name, out var weight) ? weight : throw new KeyError(name, _weights.Keys);

    /// <summary><c>x Wᵀ + b</c> with the weights registered under <paramref name="prefix"/>.</summary>
    public Tensor Linear(Tensor x, string prefix) => nn.functional.linear(x, this[prefix + ".weight"], this[prefix + ".bias"]);

    /// <summary>The softmax gate of a mixture: weights over experts.</summary>
    public Tensor Gate(Tensor x, string prefix) => nn.functional.softmax(Linear(x, prefix), 1);

    /// <summary>One plain SGD step on the leaves, p ← p − lr ∇p (a parameter without gradient stays).</summary>
    public void SgdStep(double lr)
    {
        foreach (var name in _weights.Keys.ToList())
        {
            var weight = _weights[name];
            _weights[name] = weight.grad is { } grad ? (weight - lr * grad).detach() : weight.detach();
        }
    }

    /// <summary>Asserts that <paramref name="model"/>'s parameters equal the leaves, name by name.</summary>
    public void AssertEqual(nn.Module model, string when, double rtol = 1e-5, double atol = 1e-6)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(_weights.Keys.Order(), parameters.Keys.Order());
        foreach (var (name, weight) in _weights)
            TorchAssert.AllClose(weight, parameters[name], $"{when}: parameter {name}", rtol, atol);
    }

    private sealed class KeyError(string name, IEnumerable<string> known)
        : Exception($"No parameter '{name}'; the model has: {string.Join(", ", known)}");
}
