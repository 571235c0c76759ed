using System.Collections.Generic;
using System.ComponentModel;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>
/// Where the generated forward pass marks its shared representation (the trunk's output, the shared experts' outputs).
/// Off (<see cref="None"/>), it passes values through. On, it cuts the graph there: the tasks continue from a detached
/// copy that requires gradients, so each task's gradient with respect to the representation costs one backward pass
/// through that task's own layers only, and the shared layers then get one backward pass of the combined gradient.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RepresentationCapture
{
    private readonly List<torch.Tensor> _shared = new();
    private readonly List<torch.Tensor> _detached = new();

    private RepresentationCapture(bool enabled) => Enabled = enabled;

    /// <summary>Passes every value through unchanged: the forward pass of inference and of loss-based training.</summary>
    public static RepresentationCapture None { get; } = new(false);

    /// <summary>A capture for one training step.</summary>
    public static RepresentationCapture Create() => new(true);

    /// <summary>Whether values are captured (false for <see cref="None"/>).</summary>
    public bool Enabled { get; }

    /// <summary>The representations as the shared layers computed them (graph attached), in forward order.</summary>
    public IReadOnlyList<torch.Tensor> Shared => _shared;

    /// <summary>The detached copies the tasks read, in the same order.</summary>
    public IReadOnlyList<torch.Tensor> Detached => _detached;

    /// <summary>Marks <paramref name="representation"/> as shared; returns what the tasks should read.</summary>
    public torch.Tensor Share(torch.Tensor representation)
    {
        if (!Enabled)
            return representation;
        var cut = representation.detach().requires_grad_(true);
        _shared.Add(representation);
        _detached.Add(cut);
        return cut;
    }
}
