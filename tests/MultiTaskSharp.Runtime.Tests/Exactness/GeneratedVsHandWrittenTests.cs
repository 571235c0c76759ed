using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Exactness;

/// <summary>
/// The generated model computes exactly what the same network written by hand in TorchSharp computes:
/// outputs, the weighted total loss and the parameters after a training step. Both run in this process
/// with copied weights, so the comparison uses tight tolerances.
/// </summary>
public sealed class GeneratedVsHandWrittenTests
{
    private readonly TwoHeadModel _generated;
    private readonly HandWrittenTwoHead _hand;
    private readonly TwoHeadModel.Batch _batch = TwoHeadData.Create(16);

    public GeneratedVsHandWrittenTests()
    {
        Reproducibility.Seed(123);
        _generated = new TwoHeadModel();
        Reproducibility.Seed(456); // different initial weights, so the copy below matters
        _hand = new HandWrittenTwoHead();
        _hand.load_state_dict(_generated.state_dict());
    }

    private (double Loss, double? GradNorm) HandStep(optim.Optimizer optimizer, double? maxGradNorm = null)
        => _hand.Step(_batch.Input, _batch.Targets!.Kind, _batch.Targets.Size, optimizer, maxGradNorm);

    [Fact]
    public void Both_models_have_the_same_parameter_names_and_the_copy_took()
    {
        Assert.Equal(_hand.state_dict().Keys.Order(), _generated.state_dict().Keys.Order());
        TorchAssert.SameParameters(_hand, _generated, 0, 0);
    }

    [Fact]
    public void Forward_outputs_match()
    {
        var outputs = _generated.forward(_batch.Input);
        var (kind, size) = _hand.forward(_batch.Input);
        Assert.Equal(new long[] { 16, 3 }, outputs.Kind.shape);
        Assert.Equal(new long[] { 16, 1 }, outputs.Size.shape);
        TorchAssert.AllClose(kind, outputs.Kind, "Kind logits");
        TorchAssert.AllClose(size, outputs.Size, "Size prediction");
    }

    [Fact]
    public void The_total_loss_is_ce_plus_half_mse()
    {
        var losses = _generated.ComputeLosses(_generated.forward(_batch.Input), _batch.Targets!);
        var (kind, size) = _hand.forward(_batch.Input);
        var ce = nn.functional.cross_entropy(kind, _batch.Targets!.Kind);
        var mse = nn.functional.mse_loss(size, _batch.Targets.Size);

        TorchAssert.AllClose(ce + 0.5 * mse, losses.Total, "total");
        TorchAssert.AllClose(_hand.Loss(_batch.Input, _batch.Targets.Kind, _batch.Targets.Size), losses.Total, "total vs HandWrittenTwoHead.Loss");
        TorchAssert.AllClose(ce, losses.Kind.Unweighted, "Kind unweighted");
        TorchAssert.AllClose(ce, losses.Kind.Weighted, "Kind weighted (λ = 1)");
        TorchAssert.AllClose(mse, losses.Size.Unweighted, "Size unweighted");
        TorchAssert.AllClose(0.5 * mse, losses.Size.Weighted, "Size weighted (λ = 0.5)");

        var values = losses.ToValues();
        Assert.Equal((ce + 0.5 * mse).item<float>(), values.Total, 5);
        Assert.Equal(ce.item<float>(), values.Kind, 5);
        Assert.Equal(mse.item<float>(), values.Size, 5);
    }

    [Fact]
    public void One_SGD_step_updates_every_parameter_as_the_hand_written_step()
    {
        var before = TorchAssert.Snapshot(_generated);
        var values = _generated.TrainStep(_batch, optim.SGD(_generated.parameters(), 0.1));
        var (handLoss, _) = HandStep(optim.SGD(_hand.parameters(), 0.1));

        Assert.Equal(handLoss, values.Total, 5);
        AssertEveryParameterMoved(before);
        TorchAssert.SameParameters(_hand, _generated);
    }

    [Fact]
    public void Adam_steps_update_every_parameter_as_the_hand_written_steps()
    {
        var before = TorchAssert.Snapshot(_generated);
        var generatedOptimizer = optim.Adam(_generated.parameters(), 0.01);
        var handOptimizer = optim.Adam(_hand.parameters(), 0.01);
        for (int step = 0; step < 3; step++) // several steps exercise the moment estimates and bias correction
        {
            var values = _generated.TrainStep(_batch, generatedOptimizer);
            var (handLoss, _) = HandStep(handOptimizer);
            Assert.Equal(handLoss, values.Total, 5);
        }
        AssertEveryParameterMoved(before);
        TorchAssert.SameParameters(_hand, _generated);
    }

    [Fact]
    public void Gradient_clipping_matches_clip_grad_norm()
    {
        const double maxNorm = 0.05;
        var before = TorchAssert.Snapshot(_generated);
        _generated.TrainStep(_batch, optim.SGD(_generated.parameters(), 0.5), new TrainStepOptions { MaxGradNorm = maxNorm });
        var (_, norm) = HandStep(optim.SGD(_hand.parameters(), 0.5), maxNorm);

        Assert.True(norm > 4 * maxNorm, $"the gradient norm {norm} must exceed the limit for the test to clip");
        AssertEveryParameterMoved(before);
        TorchAssert.SameParameters(_hand, _generated);
    }

    [Fact]
    public void Clipping_changes_the_step()
    {
        // Guards the test above: a clipped step differs from an unclipped one.
        var unclipped = new TwoHeadModel();
        unclipped.load_state_dict(_generated.state_dict());
        unclipped.TrainStep(_batch, optim.SGD(unclipped.parameters(), 0.5));
        _generated.TrainStep(_batch, optim.SGD(_generated.parameters(), 0.5), new TrainStepOptions { MaxGradNorm = 0.05 });
        var difference = unclipped.named_parameters().Zip(_generated.named_parameters())
            .Max(p => (p.First.parameter - p.Second.parameter).abs().max().item<float>());
        Assert.True(difference > 1e-3, $"clipping made no difference ({difference})");
    }

    private void AssertEveryParameterMoved(System.Collections.Generic.Dictionary<string, Tensor> before)
    {
        foreach (var (name, parameter) in _generated.named_parameters())
            Assert.False(before[name].allclose(parameter, 0, 0), $"parameter {name} did not change");
    }
}
