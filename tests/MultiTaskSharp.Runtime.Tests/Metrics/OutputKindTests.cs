using System;
using MultiTaskSharp.Generated;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Metrics;

/// <summary>The output kind decides which metrics apply; built-in losses imply it.</summary>
public sealed class OutputKindTests
{
    [Theory]
    [InlineData(LossKind.MeanSquaredError, OutputKind.Regression)]
    [InlineData(LossKind.L1, OutputKind.Regression)]
    [InlineData(LossKind.SmoothL1, OutputKind.Regression)]
    [InlineData(LossKind.CrossEntropy, OutputKind.Classes)]
    [InlineData(LossKind.PixelCrossEntropy, OutputKind.Pixels)]
    [InlineData(LossKind.BinaryCrossEntropyWithLogits, OutputKind.MultiLabel)]
    public void A_built_in_loss_implies_its_output_kind(LossKind loss, OutputKind expected)
    {
        using var accumulator = new TaskMetricAccumulator("T", MetricKind.None, loss);
        Assert.Equal(expected, accumulator.Output);
    }

    [Fact]
    public void Every_built_in_loss_has_an_output_kind()
    {
        foreach (var loss in Enum.GetValues<LossKind>())
        {
            using var accumulator = new TaskMetricAccumulator("T", MetricKind.None, loss);
            Assert.True(Enum.IsDefined(accumulator.Output), $"{loss} → {accumulator.Output}");
        }
    }

    [Theory]
    [InlineData(OutputKind.Regression, MetricKind.Accuracy)]
    [InlineData(OutputKind.Regression, MetricKind.MacroF1)]
    [InlineData(OutputKind.Regression, MetricKind.MeanIoU)]
    [InlineData(OutputKind.Classes, MetricKind.MeanSquaredError)]
    [InlineData(OutputKind.Pixels, MetricKind.MeanAbsoluteError)]
    [InlineData(OutputKind.MultiLabel, MetricKind.MeanSquaredError)]
    public void A_metric_that_does_not_fit_the_output_kind_names_the_task(OutputKind output, MetricKind metric)
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskMetricAccumulator("Depth", metric | SupportedBy(output), output));
        Assert.Contains("'Depth'", error.Message);
        Assert.Contains(metric.ToString(), error.Message);
        Assert.Contains(output.ToString(), error.Message);
        Assert.Equal("metrics", error.ParamName);
    }

    [Fact]
    public void A_metric_that_does_not_fit_the_loss_names_the_task()
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskMetricAccumulator("Depth", MetricKind.Accuracy, LossKind.MeanSquaredError));
        Assert.Contains("'Depth'", error.Message);
        Assert.Contains("Accuracy", error.Message);
        Assert.Contains("Regression", error.Message);
    }

    [Theory]
    [InlineData(OutputKind.Regression)]
    [InlineData(OutputKind.Classes)]
    [InlineData(OutputKind.Pixels)]
    [InlineData(OutputKind.MultiLabel)]
    public void The_metrics_of_a_kind_are_accepted(OutputKind output)
    {
        using var accumulator = new TaskMetricAccumulator("T", SupportedBy(output), output);
        Assert.Equal(output, accumulator.Output);
    }

    private static MetricKind SupportedBy(OutputKind output) => output == OutputKind.Regression
        ? MetricKind.MeanSquaredError | MetricKind.MeanAbsoluteError
        : MetricKind.Accuracy | MetricKind.MacroF1 | MetricKind.MeanIoU;
}
