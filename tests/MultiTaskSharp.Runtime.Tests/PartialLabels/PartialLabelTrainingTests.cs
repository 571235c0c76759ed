using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Models.Topologies;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.PartialLabels;

/// <summary>Tasks whose labels are missing for some examples, or for whole batches, train on what is there.</summary>
public sealed class PartialLabelTrainingTests
{
    /// <summary>A strategy that records which tasks each step saw labelled (fixed equal weights otherwise).</summary>
    private sealed class PresenceProbe() : LossWeighting(nameof(PresenceProbe))
    {
        public List<bool[]> Steps { get; } = [];

        public override WeightedLosses Combine(ReadOnlySpan<Tensor> losses) => new(Sum(losses.ToArray()), losses.ToArray());

        public override WeightedLosses Backward(TrainingStep step)
        {
            Steps.Add(step.Present.ToArray());
            return base.Backward(step);
        }

        public override IReadOnlyList<double> EffectiveWeights() => Enumerable.Repeat(1.0, TaskCount).ToArray();
    }

    [Fact]
    public void Training_with_half_of_the_labels_missing_equals_training_on_the_labelled_half()
    {
        // Batches of 8: 4 labelled rows and 4 with NaN (missing) targets, against batches of just the 4 labelled rows.
        // The other task has no label at all, in both runs. The masked mean over present rows is the plain mean over
        // the labelled rows, so both runs take the same steps.
        using var g = new Generator(31);
        var x = randn([64, 4], generator: g);
        var value = randn([64, 1], generator: g);
        var missing = (arange(64) % 2).eq(1);
        var halfMissing = value.masked_fill(missing.unsqueeze(1), double.NaN);
        var noKind = full([64], -1L);
        var labelled = nonzero(missing.logical_not()).squeeze(1);

        Reproducibility.Seed(32);
        var partial = new PartialLabelsModel();
        Reproducibility.Seed(32);
        var trimmed = new PartialLabelsModel();
        var partialOptimizer = optim.Adam(partial.parameters(), 0.01);
        var trimmedOptimizer = optim.Adam(trimmed.parameters(), 0.01);
        for (int b = 0; b < 8; b++)
        {
            var rows = arange(b * 8, b * 8 + 8);
            var kept = labelled.narrow(0, b * 4, 4);
            partial.TrainStep(new PartialLabelsModel.Batch(x[rows], new PartialLabelsModel.Targets(halfMissing[rows], noKind[rows])), partialOptimizer);
            trimmed.TrainStep(new PartialLabelsModel.Batch(x[kept], new PartialLabelsModel.Targets(value[kept], noKind[kept])), trimmedOptimizer);
        }
        TorchAssert.SameParameters(trimmed, partial, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void A_task_without_any_label_in_a_batch_contributes_nothing_and_the_strategy_is_told()
    {
        using var g = new Generator(33);
        var x = randn([6, 4], generator: g);
        var probe = new PresenceProbe();
        Reproducibility.Seed(34);
        var model = new PartialLabelsModel { LossWeighting = probe };
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var kindBefore = TorchAssert.Snapshot(model).Where(p => p.Key.StartsWith("kind.")).ToDictionary(p => p.Key, p => p.Value);

        var values = model.TrainStep(new PartialLabelsModel.Batch(x, new PartialLabelsModel.Targets(randn([6, 1], generator: g), full([6], -1L))), optimizer);

        Assert.Equal([true, false], probe.Steps.Single());
        Assert.Equal(0.0, values.Kind);
        Assert.True(double.IsFinite(values.Total));
        foreach (var (name, before) in kindBefore)
            TorchAssert.AllClose(before, model.named_parameters().Single(p => p.name == name).parameter, name + " (no gradient)", 0, 0);
    }

    [Fact]
    public void Two_tasks_with_separate_inputs_train_from_two_separate_data_sets()
    {
        // Data set A: input A (5 features) labels Score; data set B: input B (3 features) labels Flag. Sizes differ.
        using var g = new Generator(35);
        var a = randn([240, 5], generator: g);
        var score = a[.., 0..1] * 2 - a[.., 1..2];
        var b = randn([96, 3], generator: g);
        var flag = (b[.., 0] + b[.., 1]).gt(0).to_type(ScalarType.Int64);
        var setA = new TensorBatches<SeparateDataModel.Batch>(new(new(a, null), new(score, null)), batchSize: 24, shuffle: true, seed: 1);
        var setB = new TensorBatches<SeparateDataModel.Batch>(new(new(null, b), new(null, flag)), batchSize: 24, shuffle: true, seed: 2);
        var both = new InterleavedBatches<SeparateDataModel.Batch>([setA, setB]);

        Reproducibility.Seed(36);
        var model = new SeparateDataModel();
        var history = model.Fit(both, optim.Adam(model.parameters(), 0.02), new FitOptions { Epochs = 30 });

        var metrics = model.Evaluate(new InterleavedBatches<SeparateDataModel.Batch>([setA, setB]));
        Assert.True(history.Last.Train.Score < 0.2 * history[0].Train.Score, $"Score loss fell from {history[0].Train.Score:G4} to {history.Last.Train.Score:G4}");
        Assert.True(metrics.Flag.Accuracy > 0.9, $"Flag accuracy {metrics.Flag.Accuracy}");
        Assert.True(metrics.Score.MeanSquaredError < 0.1 * score.var().item<float>(), $"Score MSE {metrics.Score.MeanSquaredError}");
    }
}
