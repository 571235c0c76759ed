using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>Segmentation metrics over random batches against a naive count, one pixel at a time.</summary>
public sealed class PixelReferenceTests
{
    private const int Classes = 5;

    [Fact]
    public void Metrics_over_random_batches_with_missing_pixels_equal_a_naive_per_class_count()
    {
        var generator = new Generator(seed: 17);
        var batches = new List<(Tensor Logits, Tensor Truth, Tensor Present)>();
        foreach (int size in new[] { 3, 1, 4 })
        {
            var logits = randn(new long[] { size, Classes, 6, 5 }, generator: generator);
            // Class 4 is rare (about 2 % of pixels), so some batches never see it; about 10 % of pixels are -1.
            var truth = randint(4, new long[] { size, 6, 5 }, generator: generator)
                .masked_fill(rand(new long[] { size, 6, 5 }, generator: generator).lt(0.02), 4)
                .masked_fill(rand(new long[] { size, 6, 5 }, generator: generator).lt(0.1), -1);
            var present = rand(new long[] { size, 1, 1 }, generator: generator).gt(0.2); // whole examples dropped
            batches.Add((logits, truth, present));
        }

        // The cases this test is about do occur with this seed.
        Assert.Contains(batches, b => !b.Present.all().item<bool>());
        Assert.Contains(batches, b => b.Truth.lt(0).any().item<bool>());
        Assert.Contains(batches, b => !b.Truth.eq(4).any().item<bool>());

        using var accumulator = new TaskMetricAccumulator("Mask", MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU, OutputKind.Pixels);
        foreach (var (logits, truth, present) in batches)
            accumulator.Update(logits, truth, tensor(0f), present);
        var result = accumulator.Result();

        var expected = NaiveReference(batches);
        Assert.Equal(expected.Accuracy, result.Accuracy!.Value, 12);
        Assert.Equal(expected.MacroF1, result.MacroF1!.Value, 12);
        Assert.Equal(expected.MeanIoU, result.MeanIoU!.Value, 12);
    }

    /// <summary>Straight from the definitions: arg-max by comparison, one pixel at a time, in managed code.</summary>
    private static (double Accuracy, double MacroF1, double MeanIoU) NaiveReference(List<(Tensor Logits, Tensor Truth, Tensor Present)> batches)
    {
        var tp = new int[Classes];
        var fp = new int[Classes];
        var fn = new int[Classes];
        int right = 0, scored = 0;
        foreach (var (logitsTensor, truthTensor, presentTensor) in batches)
        {
            var logits = logitsTensor.data<float>().ToArray();
            var truth = truthTensor.data<long>().ToArray();
            var present = presentTensor.data<bool>().ToArray();
            long size = truthTensor.shape[0], pixels = truthTensor.shape[1] * truthTensor.shape[2];
            for (long n = 0; n < size; n++)
            {
                if (!present[n])
                    continue;
                for (long p = 0; p < pixels; p++)
                {
                    long t = truth[n * pixels + p];
                    if (t < 0)
                        continue;
                    int predicted = 0;
                    for (int c = 1; c < Classes; c++)
                    {
                        if (logits[(n * Classes + c) * pixels + p] > logits[(n * Classes + predicted) * pixels + p])
                            predicted = c;
                    }
                    scored++;
                    if (predicted == t) { right++; tp[t]++; }
                    else { fn[t]++; fp[predicted]++; }
                }
            }
        }
        var occurring = Enumerable.Range(0, Classes).Where(c => tp[c] + fp[c] + fn[c] > 0).ToArray();
        return (
            (double)right / scored,
            occurring.Average(c => 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c])),
            occurring.Average(c => (double)tp[c] / (tp[c] + fp[c] + fn[c])));
    }
}
