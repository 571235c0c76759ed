using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// What a TorchSharp user writes by hand for a shared trunk with two classification heads (MultiLeNet, and the SceneNet
/// model whose second head is per-pixel): the step of <see cref="HandWrittenModel"/> (dispose scope, zero-grad, forward,
/// weighted cross-entropies, backward, step, read the losses) around the same layers the generated comparison models
/// declare, so the generated step can be compared with it on exactly the same modules.
/// </summary>
internal sealed class HandWrittenTwoHeads : nn.Module<Tensor, (Tensor First, Tensor Second)>
{
    private readonly Sequential trunk;
    private readonly Sequential first;
    private readonly Sequential second;
    private readonly double _firstWeight, _secondWeight;

    private HandWrittenTwoHeads(Sequential trunk, Sequential first, Sequential second, double firstWeight, double secondWeight)
        : base(nameof(HandWrittenTwoHeads))
    {
        this.trunk = trunk;
        this.first = first;
        this.second = second;
        _firstWeight = firstWeight;
        _secondWeight = secondWeight;
        RegisterComponents();
    }

    /// <summary>A fresh MultiLeNet (the layers of <see cref="FashionLeNet"/>, seeded like it), loss CE + CE.</summary>
    public static HandWrittenTwoHeads MultiLeNet()
    {
        Reproducibility.Seed(1);
        var layers = new FashionLeNet().named_children().ToDictionary(c => c.name, c => (Sequential)c.module);
        return new HandWrittenTwoHeads(layers["trunk"], layers["left"], layers["right"], 1.0, 1.0);
    }

    /// <summary>A fresh SceneNet model (the layers of <see cref="SceneComparisonModel"/>), loss CE + 0.5 × pixel CE.</summary>
    public static HandWrittenTwoHeads SceneNet()
    {
        Reproducibility.Seed(1);
        var layers = new SceneComparisonModel().named_children().ToDictionary(c => c.name, c => (Sequential)c.module);
        return new HandWrittenTwoHeads(layers["backbone"], layers["shape"], layers["mask"], 1.0, 0.5);
    }

    public override (Tensor First, Tensor Second) forward(Tensor input)
    {
        var features = trunk.call(input);
        return (first.call(features), second.call(features));
    }

    public (double Total, double First, double Second) TrainStep(Tensor input, Tensor firstTarget, Tensor secondTarget, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (firstLogits, secondLogits) = forward(input);
        var firstLoss = nn.functional.cross_entropy(firstLogits, firstTarget);
        var secondLoss = nn.functional.cross_entropy(secondLogits, secondTarget);
        // As written by hand: a weight of 1 is no multiplication.
        var total = Weighted(_firstWeight, firstLoss) + Weighted(_secondWeight, secondLoss);
        total.backward();
        optimizer.step();
        return (total.item<float>(), firstLoss.item<float>(), secondLoss.item<float>());
    }

    private static Tensor Weighted(double weight, Tensor loss) => weight == 1.0 ? loss : weight * loss;
}
