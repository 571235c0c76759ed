using System;
using System.Collections.Generic;
using TorchSharp;

namespace Topologies;

/// <summary>
/// Owns the tensors of a synthetic dataset. Data is built inside a dispose scope, so every temporary
/// dies with it; <see cref="Keep"/> takes a survivor out of that scope and frees it when the owner is disposed.
/// </summary>
public sealed class TensorOwner : IDisposable
{
    private readonly List<torch.Tensor> _kept = [];

    public torch.Tensor Keep(torch.Tensor tensor)
    {
        var detached = tensor.DetachFromDisposeScope();
        _kept.Add(detached);
        return detached;
    }

    public void Dispose()
    {
        foreach (var tensor in _kept)
            tensor.Dispose();
        _kept.Clear();
    }
}
