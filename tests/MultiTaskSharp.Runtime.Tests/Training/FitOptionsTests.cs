using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>Schedulers, early stopping, checkpoints, resume, cancellation and TensorBoard through <c>Fit</c>.</summary>
public sealed class FitOptionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mts-fit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    internal static DropoutModel.Batch Data(int count, ulong seed)
    {
        using var g = new Generator(seed);
        var x = randn([count, 4], generator: g);
        var kind = (x[.., 0] + x[.., 1] > 0).to_type(ScalarType.Int64) + (x[.., 2] > 1).to_type(ScalarType.Int64);
        var size = x[.., 3..4] * 2 - x[.., 0..1];
        return new DropoutModel.Batch(x, new DropoutModel.Targets(kind, size));
    }

    private static TensorBatches<DropoutModel.Batch> Source(int count, ulong seed, bool shuffle = true)
        => new(Data(count, seed), batchSize: 16, shuffle: shuffle, seed: 3);

    private static (DropoutModel Model, optim.Optimizer Optimizer) Fresh(long seed, double lr = 0.02)
    {
        Reproducibility.Seed(seed);
        var model = new DropoutModel();
        return (model, optim.Adam(model.parameters(), lr));
    }

    [Fact]
    public void A_scheduler_is_stepped_once_per_epoch_and_the_rate_is_recorded()
    {
        var (model, optimizer) = Fresh(1);
        var scheduler = optim.lr_scheduler.StepLR(optimizer, step_size: 1, gamma: 0.5);
        var history = model.Fit(Source(64, 1), optimizer, new FitOptions { Epochs = 3, Scheduler = scheduler });
        Assert.Equal([0.02, 0.01, 0.005], history.Select(e => e.LearningRate!.Value).Select(r => Math.Round(r, 10)));
    }

    [Fact]
    public void Early_stopping_stops_after_the_patience_and_restores_the_best_parameters()
    {
        // A learning rate of 0 never improves the validation loss: the first epoch stays the best.
        var (model, optimizer) = Fresh(2, lr: 0);
        var history = model.Fit(Source(64, 2), optimizer,
            new FitOptions { Epochs = 10, EarlyStopping = new EarlyStopping(FitMonitor.ValidationLoss, Patience: 2) }, validation: Source(32, 3, shuffle: false));
        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.Count);
        Assert.Equal(1, history.BestEpoch);
    }

    [Fact]
    public void Early_stopping_restores_the_parameters_of_the_best_epoch()
    {
        var (model, optimizer) = Fresh(3, lr: 0.05);
        var snapshots = new List<Dictionary<string, Tensor>>();
        var history = model.Fit(Source(64, 4), optimizer,
            new FitOptions { Epochs = 6, EarlyStopping = new EarlyStopping(DropoutModel.Monitors.SizeMeanSquaredError, Patience: 6) },
            validation: Source(32, 5, shuffle: false), onEpoch: _ => snapshots.Add(TorchAssert.Snapshot(model)));
        int best = history.BestEpoch!.Value;
        var bestValue = history[best - 1].Validation!.Size.MeanSquaredError!.Value;
        Assert.Equal(history.Where(e => e.Validation is not null).Min(e => e.Validation!.Size.MeanSquaredError!.Value), bestValue);
        TorchAssert.Unchanged(snapshots[best - 1], model);
    }

    [Fact]
    public void Checkpoints_are_saved_every_few_epochs_and_the_best_is_kept()
    {
        var (model, optimizer) = Fresh(4);
        var checkpoints = new CheckpointOptions(_folder) { Every = 2, KeepBest = DropoutModel.Monitors.KindAccuracy };
        var history = model.Fit(Source(64, 6), optimizer, new FitOptions { Epochs = 5, Checkpoints = checkpoints }, validation: Source(32, 7, shuffle: false));

        var last = Checkpoint.Load(checkpoints.Last, new DropoutModel());
        Assert.Equal(5, last.Epoch);
        Assert.True(last.HasTrainingState);
        var best = Checkpoint.Load(checkpoints.Best, new DropoutModel());
        Assert.Equal(history.BestEpoch, best.Epoch);
        Assert.Equal(history.Max(e => e.Validation!.Kind.Accuracy), history[best.Epoch!.Value - 1].Validation!.Kind.Accuracy);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Resuming_after_two_epochs_equals_four_epochs_straight()
    {
        var scheduler = (optim.Optimizer o) => optim.lr_scheduler.StepLR(o, step_size: 1, gamma: 0.7);
        var (straight, straightOptimizer) = Fresh(5);
        var straightHistory = straight.Fit(Source(96, 8), straightOptimizer, new FitOptions { Epochs = 4, Scheduler = scheduler(straightOptimizer) });

        var (first, firstOptimizer) = Fresh(5);
        first.Fit(Source(96, 8), firstOptimizer, new FitOptions { Epochs = 2, Scheduler = scheduler(firstOptimizer), Checkpoints = new CheckpointOptions(_folder) });
        // Something else uses the random generator in between, as another process would have a different state.
        Reproducibility.Seed(999);
        _ = rand(100);

        var (resumed, resumedOptimizer) = Fresh(77); // other initial weights: the checkpoint must replace them
        var resumedHistory = resumed.Fit(Source(96, 8), resumedOptimizer,
            new FitOptions { Epochs = 4, Scheduler = scheduler(resumedOptimizer), ResumeFrom = Path.Combine(_folder, "last.ckpt") });

        TorchAssert.SameParameters(straight, resumed, rtol: 0, atol: 0);
        Assert.Equal(straightHistory.Select(e => e.Train.Total), resumedHistory.Select(e => e.Train.Total));
        Assert.Equal(straightHistory.Select(e => e.LearningRate), resumedHistory.Select(e => e.LearningRate));
    }

    [Fact]
    public void Resuming_from_a_plain_checkpoint_says_it_holds_no_training_state()
    {
        var (model, optimizer) = Fresh(6);
        var path = Path.Combine(_folder, "plain.ckpt");
        Checkpoint.Save(path, model, optimizer, epoch: 1);
        var error = Assert.Throws<InvalidDataException>(() => model.Fit(Source(32, 9), optimizer, new FitOptions { Epochs = 2, ResumeFrom = path }));
        Assert.Contains("holds no training state", error.Message);
    }

    [Fact]
    public void A_cancelled_token_ends_the_fit_after_the_current_step_and_returns_the_completed_epochs()
    {
        var (model, optimizer) = Fresh(7);
        var source = Source(96, 10); // 6 batches an epoch
        using var cancellation = new CancellationTokenSource();
        int steps = 0;
        var epochs = new List<int>();
        var progress = new InlineProgress<FitProgress>(_ =>
        {
            if (++steps == 9) // the third step of epoch 2
                cancellation.Cancel();
        });
        var history = model.Fit(source, optimizer, new FitOptions { Epochs = 5 }, progress: progress,
            onEpoch: e => epochs.Add(e.Epoch), cancellationToken: cancellation.Token);

        Assert.Equal(9, steps);
        Assert.True(history.Cancelled);
        Assert.False(history.StoppedEarly);
        // Epoch 1 was completed and kept; the interrupted epoch 2 is not recorded.
        Assert.Equal([1], history.Select(e => e.Epoch));
        Assert.Equal([1], epochs);
        Assert.True(double.IsFinite(history[0].Train.Total));
    }

    [Fact]
    public void A_token_cancelled_between_epochs_keeps_every_epoch_so_far()
    {
        var (model, optimizer) = Fresh(7);
        using var cancellation = new CancellationTokenSource();
        var history = model.Fit(Source(64, 10), optimizer, new FitOptions { Epochs = 5 },
            onEpoch: e =>
            {
                if (e.Epoch == 3)
                    cancellation.Cancel();
            },
            cancellationToken: cancellation.Token);
        Assert.True(history.Cancelled);
        Assert.Equal([1, 2, 3], history.Select(e => e.Epoch));
    }

    [Fact]
    public void A_monitor_of_validation_metrics_needs_a_validation_source()
    {
        var (model, optimizer) = Fresh(8);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(Source(32, 11), optimizer,
            new FitOptions { EarlyStopping = new EarlyStopping(FitMonitor.ValidationLoss, 2) }));
        Assert.Contains("needs a validation source", error.Message);
    }
}
