using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Data;

/// <summary>
/// Native memory does not grow with the number of steps: batches, activations and gradients of a step
/// are freed before the next. Live tensors are counted with TorchSharp's per-thread dispose statistics.
/// </summary>
public sealed class ScopedBatchesTests
{
    private const int Batches = 50;

    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    private static (TwoHeadModel Model, optim.Optimizer Optimizer, TensorBatches<TwoHeadModel.Batch> Source) Setup()
    {
        Reproducibility.Seed(1);
        var model = new TwoHeadModel();
        var optimizer = optim.SGD(model.parameters(), 0.01);
        var source = new TensorBatches<TwoHeadModel.Batch>(TwoHeadData.Create(Batches * 4), batchSize: 4, shuffle: true, seed: 2);
        // One step first, so that anything created once per model (gradient buffers) exists before counting.
        model.TrainStep(source.GetBatches(0).First(), optimizer);
        return (model, optimizer, source);
    }

    [Fact]
    public void Iterating_with_a_train_step_per_batch_leaves_no_tensor_behind()
    {
        var (model, optimizer, source) = Setup();
        long before = LiveTensors;
        int steps = 0;
        foreach (var batch in ScopedBatches.Of(source.GetBatches(1)))
        {
            model.TrainStep(batch, optimizer);
            steps++;
        }
        Assert.Equal(Batches, steps);
        Assert.Equal(before, LiveTensors);
    }

    [Fact]
    public void Fit_and_Evaluate_leave_no_tensor_behind()
    {
        var (model, optimizer, source) = Setup();
        long before = LiveTensors;
        model.Fit(source, optimizer, new FitOptions { Epochs = 2 }, validation: source);
        model.Evaluate(source);
        Assert.Equal(before, LiveTensors);
    }

    [Fact]
    public void The_count_does_see_batches_that_are_not_scoped()
    {
        // The control: without ScopedBatches every batch's index slices stay alive, so the count is meaningful.
        var (_, _, source) = Setup();
        long before = LiveTensors;
        using (var scope = NewDisposeScope())
        {
            int batches = source.GetBatches(1).Count();
            Assert.Equal(Batches, batches);
            Assert.True(LiveTensors - before >= Batches, $"expected at least {Batches} live tensors, saw {LiveTensors - before}");
        }
        Assert.Equal(before, LiveTensors);
    }

    [Fact]
    public void Tensors_made_in_the_loop_body_are_freed_when_the_next_batch_is_requested()
    {
        var (_, _, source) = Setup();
        long before = LiveTensors;
        long peak = 0;
        foreach (var batch in ScopedBatches.Of(source.GetBatches(1)))
        {
            _ = (batch.Input * 2).sum();
            peak = System.Math.Max(peak, LiveTensors - before);
        }
        Assert.Equal(before, LiveTensors);
        Assert.True(peak < 20, $"live tensors grew to {peak} within the loop");
    }
}
