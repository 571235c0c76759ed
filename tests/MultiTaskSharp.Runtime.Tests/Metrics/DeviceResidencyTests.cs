using System;
using MultiTaskSharp.Generated;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>
/// The running sums stay on the prediction's device: <c>Update</c> reads nothing back to the host, the sums
/// outlive per-batch dispose scopes, and no tensor is left behind.
/// </summary>
public sealed class DeviceResidencyTests
{
    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    public static TheoryData<OutputKind, MetricKind, long[], long[], ScalarType> EveryKind => new()
    {
        { OutputKind.Regression, MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError, [8, 2], [8, 2], ScalarType.Float32 },
        { OutputKind.Classes, MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU, [8, 3], [8], ScalarType.Int64 },
        { OutputKind.Classes, MetricKind.Accuracy | MetricKind.MacroF1, [8, 1], [8], ScalarType.Int64 },
        { OutputKind.Pixels, MetricKind.Accuracy | MetricKind.MeanIoU, [8, 3, 4, 4], [8, 4, 4], ScalarType.Int64 },
        { OutputKind.MultiLabel, MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU, [8, 5], [8, 5], ScalarType.Float32 },
        { OutputKind.Regression, MetricKind.None, [8, 2], [8, 2], ScalarType.Float32 },
    };

    /// <summary>
    /// Tensors on the meta device have shapes but no data: any read of a value (<c>item</c>, <c>cpu</c>,
    /// <c>data</c>, or an operation whose output size depends on values, such as <c>masked_select</c> or
    /// <c>bincount</c>) throws. Update succeeding on them shows it only queues device work; Result, which must
    /// read, is where the meta tensors fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Update_reads_no_value_back_and_Result_is_the_one_read(OutputKind output, MetricKind metrics, long[] predictionShape, long[] targetShape, ScalarType targetType)
    {
        var meta = new Device(DeviceType.META);
        using var accumulator = new TaskMetricAccumulator("T", metrics, output);
        for (int batch = 0; batch < 3; batch++)
        {
            accumulator.Update(
                empty(predictionShape, device: meta),
                empty(targetShape, targetType, device: meta),
                empty(Array.Empty<long>(), device: meta),
                present: batch == 1 ? empty(PerExample(targetShape), ScalarType.Bool, device: meta) : null);
        }
        Assert.ThrowsAny<Exception>(() => accumulator.Result());
    }

    /// <summary>[N, 1, ...]: one present flag per example of a target of <paramref name="targetShape"/>.</summary>
    private static long[] PerExample(long[] targetShape)
    {
        var shape = new long[targetShape.Length];
        Array.Fill(shape, 1L);
        shape[0] = targetShape[0];
        return shape;
    }

    [Fact]
    public void The_sums_survive_the_dispose_scope_of_each_batch()
    {
        using var whole = new TaskMetricAccumulator("Label", MetricKind.Accuracy | MetricKind.MacroF1, OutputKind.Classes);
        using var scoped = new TaskMetricAccumulator("Label", MetricKind.Accuracy | MetricKind.MacroF1, OutputKind.Classes);
        var generator = new Generator(seed: 3);
        var logits = randn(new long[] { 30, 4 }, generator: generator);
        var truth = randint(4, new long[] { 30 }, generator: generator);
        whole.Update(logits, truth, tensor(1f));
        for (int start = 0; start < 30; start += 7)
        {
            using var batchScope = NewDisposeScope();
            long end = Math.Min(start + 7, 30);
            scoped.Update(logits[start..(int)end].clone(), truth[start..(int)end].clone(), tensor(1f));
        }
        Assert.Equal(whole.Result(), scoped.Result());
    }

    [Fact]
    public void Updates_leave_only_the_sums_alive_and_Result_frees_them()
    {
        var logits = randn(16, 3);
        var truth = randint(3, new long[] { 16 });
        var loss = tensor(0.5f);
        long before = LiveTensors;
        var accumulator = new TaskMetricAccumulator("Label", MetricKind.Accuracy | MetricKind.MeanIoU, OutputKind.Classes);
        for (int i = 0; i < 5; i++)
            accumulator.Update(logits, truth, loss);
        Assert.Equal(before + 1, LiveTensors); // the running sums, nothing per batch
        accumulator.Result();
        Assert.Equal(before, LiveTensors); // read and freed, even without Dispose
    }

    [Fact]
    public void Dispose_frees_the_sums_when_no_result_is_taken()
    {
        var logits = randn(16, 3);
        var truth = randint(3, new long[] { 16 });
        var loss = tensor(0.5f);
        long before = LiveTensors;
        var accumulator = new TaskMetricAccumulator("Label", MetricKind.Accuracy, OutputKind.Classes);
        accumulator.Update(logits, truth, loss);
        accumulator.Dispose();
        Assert.Equal(before, LiveTensors);
        Assert.Throws<ObjectDisposedException>(() => accumulator.Result());
    }
}
