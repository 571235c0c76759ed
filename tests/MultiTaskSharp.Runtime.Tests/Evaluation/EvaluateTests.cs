using System.Linq;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Evaluation;

/// <summary>Evaluation of a generated model scores the whole dataset, however it is batched.</summary>
public sealed class EvaluateTests
{
    private readonly TwoHeadModel _model;
    private readonly TwoHeadModel.Batch _data = TwoHeadData.Create(10);

    public EvaluateTests()
    {
        Reproducibility.Seed(9);
        _model = new TwoHeadModel();
    }

    private TwoHeadModel.Metrics Evaluate(int batchSize) => _model.Evaluate(new TensorBatches<TwoHeadModel.Batch>(_data, batchSize));

    [Fact]
    public void Batch_size_does_not_change_losses_or_metrics()
    {
        var whole = Evaluate(10);
        var uneven = Evaluate(4); // batches of 4, 4 and 2
        Assert.Equal(whole.Kind.Loss, uneven.Kind.Loss, 6);
        Assert.Equal(whole.Size.Loss, uneven.Size.Loss, 6);
        Assert.Equal(whole.Kind.Accuracy!.Value, uneven.Kind.Accuracy!.Value, 12);
        Assert.Equal(whole.Kind.MacroF1!.Value, uneven.Kind.MacroF1!.Value, 12);
        Assert.Equal(whole.Size.MeanSquaredError!.Value, uneven.Size.MeanSquaredError!.Value, 6);
    }

    [Fact]
    public void Losses_and_metrics_equal_their_definitions_on_the_whole_dataset()
    {
        var metrics = Evaluate(4);
        using var noGrad = no_grad();
        var outputs = _model.forward(_data.Input);
        Assert.Equal(nn.functional.cross_entropy(outputs.Kind, _data.Targets!.Kind).item<float>(), metrics.Kind.Loss, 5);
        Assert.Equal(nn.functional.mse_loss(outputs.Size, _data.Targets.Size).item<float>(), metrics.Size.Loss, 5);
        Assert.Equal(metrics.Size.Loss, metrics.Size.MeanSquaredError!.Value, 6); // an MSE task's loss is its MSE
        var correct = outputs.Kind.argmax(1).eq(_data.Targets.Kind).sum().item<long>();
        Assert.Equal(correct / 10.0, metrics.Kind.Accuracy!.Value, 12);
        Assert.Equal(["Kind", "Size"], ((ITaskMetricsSet)metrics).Tasks.Select(t => t.Task));
    }

    [Fact]
    public void Evaluate_leaves_parameters_and_gradients_alone()
    {
        var before = Support.TorchAssert.Snapshot(_model);
        Evaluate(3);
        Support.TorchAssert.Unchanged(before, _model);
        Assert.All(_model.parameters(), p => Assert.True(p.grad is null || p.grad.eq(0).all().item<bool>()));
    }
}
