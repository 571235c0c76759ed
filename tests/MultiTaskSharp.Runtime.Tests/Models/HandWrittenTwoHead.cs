using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Runtime.Tests.Models;

/// <summary>
/// <see cref="TwoHeadModel"/> written by hand in plain TorchSharp: the same layers under the same
/// names, the loss <c>ce + 0.5 * mse</c> and the usual training step. The oracle of the exactness tests.
/// </summary>
public sealed class HandWrittenTwoHead : Module<Tensor, (Tensor Kind, Tensor Size)>
{
    private readonly Sequential trunk = Sequential(Linear(4, 8), ReLU());
    private readonly Linear kind = Linear(8, 3);
    private readonly Linear size = Linear(8, 1);

    public HandWrittenTwoHead() : base(nameof(HandWrittenTwoHead)) => RegisterComponents();

    public override (Tensor Kind, Tensor Size) forward(Tensor input)
    {
        var features = trunk.call(input);
        return (kind.call(features), size.call(features));
    }

    public Tensor Loss(Tensor input, Tensor kindTarget, Tensor sizeTarget)
    {
        var (kindLogits, sizePrediction) = forward(input);
        var ce = functional.cross_entropy(kindLogits, kindTarget);
        var mse = functional.mse_loss(sizePrediction, sizeTarget);
        return ce + 0.5 * mse;
    }

    /// <summary>One step; returns the total loss before the update and the gradient norm before clipping (when clipped).</summary>
    public (double Loss, double? GradNorm) Step(Tensor input, Tensor kindTarget, Tensor sizeTarget, optim.Optimizer optimizer, double? maxGradNorm = null)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = Loss(input, kindTarget, sizeTarget);
        loss.backward();
        double? norm = null;
        if (maxGradNorm is double max)
            norm = nn.utils.clip_grad_norm_(parameters(), max);
        optimizer.step();
        return (loss.item<float>(), norm);
    }
}
