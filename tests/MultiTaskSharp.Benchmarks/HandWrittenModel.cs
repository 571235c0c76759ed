using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// What a TorchSharp user writes by hand for <see cref="BenchModel"/>: the same layers and the same
/// training step (zero-grad, forward, weighted loss, backward, step, read the losses), without the
/// generator. It is the baseline the generated step is measured against.
/// </summary>
internal sealed class HandWrittenModel : Module<Tensor, (Tensor Shape, Tensor Mask)>
{
    private readonly Sequential backbone = Sequential(
        Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), ReLU());
    private readonly Sequential shape = Sequential(AdaptiveAvgPool2d(1), Flatten(), Linear(32, 4));
    private readonly Sequential mask = Sequential(Upsample(scale_factor: [2.0, 2.0]), Conv2d(32, 2, 1));

    public HandWrittenModel() : base(nameof(HandWrittenModel)) => RegisterComponents();

    public override (Tensor Shape, Tensor Mask) forward(Tensor input)
    {
        var features = backbone.call(input);
        return (shape.call(features), mask.call(features));
    }

    public (double Total, double Shape, double Mask) TrainStep(Tensor input, Tensor classes, Tensor masks, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (shapeLogits, maskLogits) = forward(input);
        var shapeLoss = functional.cross_entropy(shapeLogits, classes);
        var maskLoss = functional.cross_entropy(maskLogits, masks);
        var total = shapeLoss + 0.5 * maskLoss;
        total.backward();
        optimizer.step();
        return (total.item<float>(), shapeLoss.item<float>(), maskLoss.item<float>());
    }
}
