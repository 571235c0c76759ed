using System;
using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class DynamicWeightAverageTests
{
    /// <summary>The paper's weights: K·exp(r_t/τ)/Σ exp(r_j/τ).</summary>
    private static double[] Expected(double[] previous, double[] last, double temperature = 2)
    {
        var e = previous.Select((p, t) => Math.Exp(last[t] / p / temperature)).ToArray();
        return e.Select(x => previous.Length * x / e.Sum()).ToArray();
    }

    [Fact]
    public void The_weights_follow_the_last_two_epoch_loss_ratios()
    {
        double[] g1 = [1, 0], g2 = [0, 1];
        var problem = new LinearTasks([g1, g2]);
        var dwa = problem.Attach(new DynamicWeightAverage());

        Close([1, 1], dwa.EffectiveWeights().ToArray(), 0, "epoch 1");
        dwa.EndEpoch(1, [4, 2]);
        Close([1, 1], dwa.EffectiveWeights().ToArray(), 0, "epoch 2");
        dwa.EndEpoch(2, [2, 1.5]);

        var expected = Expected([4, 2], [2, 1.5]);     // ratios ½ and ¾: the second task fell more slowly
        Close(expected, dwa.EffectiveWeights().ToArray(), 1e-12, "epoch 3");
        Assert.True(expected[1] > expected[0]);
        dwa.Backward(problem.Step([1, 1], epoch: 3));
        Close(Combine(expected, [g1, g2]), problem.SharedGradient(), 1e-12, "direction");
    }

    [Fact]
    public void In_a_loop_of_steps_the_epochs_close_when_the_epoch_number_changes()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var dwa = problem.Attach(new DynamicWeightAverage(temperature: 1.5));
        dwa.Backward(problem.Step([4, 2], epoch: 1));
        dwa.Backward(problem.Step([2, 2], epoch: 1));      // epoch 1 means: [3, 2]
        dwa.Backward(problem.Step([1, 1], epoch: 2));
        dwa.Backward(problem.Step([2, 2], epoch: 2));      // epoch 2 means: [1.5, 1.5]
        Assert.Equal(1, dwa.CompletedEpochs);
        Close([1, 1], dwa.EffectiveWeights().ToArray(), 0, "still epoch 2");

        dwa.Backward(problem.Step([1, 1], epoch: 3));
        Assert.Equal(2, dwa.CompletedEpochs);
        Close(Expected([3, 2], [1.5, 1.5], 1.5), dwa.EffectiveWeights().ToArray(), 1e-12, "epoch 3");
    }

    [Fact]
    public void A_task_no_batch_labelled_in_an_epoch_counts_as_ratio_one()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var dwa = problem.Attach(new DynamicWeightAverage());
        dwa.Backward(problem.Step([4, 2], present: [true, false], epoch: 1));
        dwa.Backward(problem.Step([2, 2], epoch: 2));
        dwa.Backward(problem.Step([1, 1], epoch: 3));
        Close(Expected([4, 1], [2, 1]), dwa.EffectiveWeights().ToArray(), 1e-12, "weights");
    }

    [Fact]
    public void A_step_without_an_epoch_number_is_rejected()
    {
        var problem = new LinearTasks([[1.0, 0], [0, 1.0]]);
        var dwa = problem.Attach(new DynamicWeightAverage());
        var error = Assert.Throws<InvalidOperationException>(() => dwa.Backward(problem.Step([1, 1])));
        Assert.Contains("Epoch", error.Message);
    }

    [Fact]
    public void Under_Fit_the_weights_follow_the_epoch_means_Fit_reports()
    {
        Reproducibility.Seed(6);
        var (data, _) = DenseData.Create(128, 1);
        var model = new DenseModel { LossWeighting = new DynamicWeightAverage() };
        var history = model.Fit(new TensorBatches<DenseModel.Batch>(data, batchSize: 32), torch.optim.Adam(model.parameters(), 0.01), new FitOptions { Epochs = 3 });

        // Each record's weights are those the next epoch uses: 1 after epoch 1, the ratios of epochs 1 and 2 after epoch 2.
        Close([1, 1], history[0].LossWeights!.ToArray(), 0, "after epoch 1");
        var expected = Expected([history[0].Train.Label, history[0].Train.Score], [history[1].Train.Label, history[1].Train.Score]);
        Close(expected, history[1].LossWeights!.ToArray(), 1e-12, "after epoch 2");
        var third = Expected([history[1].Train.Label, history[1].Train.Score], [history[2].Train.Label, history[2].Train.Score]);
        Close(third, history[2].LossWeights!.ToArray(), 1e-12, "after epoch 3");
        // And epoch 3 trained with them: its total is the weighted sum of its task means.
        Assert.Equal(expected[0] * history[2].Train.Label + expected[1] * history[2].Train.Score, history[2].Train.Total, 5);
    }

    [Fact]
    public void A_loop_of_steps_reads_from_the_device_once_per_epoch_only()
    {
        Reproducibility.Seed(7);
        var (data, _) = DenseData.Create(64, 1);
        var model = new DenseModel { LossWeighting = new DynamicWeightAverage() };
        var optimizer = torch.optim.SGD(model.parameters(), 0.01);
        long before = HostReads.Count;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            foreach (var batch in new TensorBatches<DenseModel.Batch>(data, batchSize: 16).GetBatches(epoch))
                TrainingSteps.Run(model, batch, optimizer, new TrainStepOptions { Epoch = epoch, CheckFinite = false }).Dispose();
        }
        Assert.Equal(2, HostReads.Count - before);   // closing epochs 1 and 2
        Assert.Equal(2, ((DynamicWeightAverage)model.LossWeighting).CompletedEpochs);
    }
}
