using System;
using System.Linq;
using MultiTaskSharp.Generated;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>The fit loop's bookkeeping: epochs, validation schedule, progress and argument checks.</summary>
public sealed class TrainerTests
{
    private readonly TwoHeadModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly TensorBatches<TwoHeadModel.Batch> _source = new(TwoHeadData.Create(24), batchSize: 8, shuffle: true, seed: 1);

    public TrainerTests()
    {
        Reproducibility.Seed(6);
        _model = new TwoHeadModel();
        _optimizer = optim.SGD(_model.parameters(), 0.05);
    }

    [Fact]
    public void Validation_runs_every_ValidateEvery_epochs_and_after_the_last()
    {
        var validation = new ListSource<TwoHeadModel.Batch>([TwoHeadData.Create(8, seed: 3)]);
        var history = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 5, ValidateEvery = 2 }, validation);
        Assert.Equal([2, 4, 5], history.Where(e => e.Validation is not null).Select(e => e.Epoch));
        Assert.Equal([2, 4, 5], validation.RequestedEpochs);
    }

    [Fact]
    public void Inline_progress_reports_every_step_in_order_on_the_training_thread()
    {
        int thread = System.Environment.CurrentManagedThreadId;
        var reports = new System.Collections.Generic.List<(int Epoch, int Batch, int Thread)>();
        var progress = new InlineProgress<FitProgress>(p => reports.Add((p.Epoch, p.Batch, System.Environment.CurrentManagedThreadId)));
        _model.Fit(_source, _optimizer, new FitOptions { Epochs = 2 }, progress: progress);
        // Fit has returned: with System.Progress<T> some of these would still be queued on the thread pool.
        Assert.Equal([(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)], reports.Select(r => (r.Epoch, r.Batch)));
        Assert.All(reports, r => Assert.Equal(thread, r.Thread));
    }

    [Fact]
    public void Without_a_validation_source_no_epoch_is_validated()
    {
        var history = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 2 });
        Assert.All(history, e => Assert.Null(e.Validation));
        Assert.Same(history[1], history.Last);
    }

    [Fact]
    public void Every_epoch_asks_the_source_for_its_own_pass()
    {
        var train = new ListSource<TwoHeadModel.Batch>([TwoHeadData.Create(8)], knowsCount: false);
        var progress = new RecordingProgress();
        _model.Fit(train, _optimizer, new FitOptions { Epochs = 3 }, progress: progress);
        Assert.Equal([1, 2, 3], train.RequestedEpochs);
        Assert.All(progress.Reports, r => Assert.Null(r.BatchCount));
    }

    [Fact]
    public void Fit_leaves_the_model_in_training_mode_as_a_PyTorch_loop_does()
    {
        _model.train(false);
        _model.Fit(_source, _optimizer, new FitOptions { Epochs = 1 }, validation: _source);
        Assert.True(_model.training);
    }

    [Fact]
    public void A_source_without_batches_is_an_error_naming_the_epoch()
    {
        var empty = new ListSource<TwoHeadModel.Batch>([]);
        var error = Assert.Throws<InvalidOperationException>(() => _model.Fit(empty, _optimizer, new FitOptions { Epochs = 1 }));
        Assert.Contains("Epoch 1", error.Message);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Epochs_and_ValidateEvery_must_be_positive(int epochs, int validateEvery)
        => Assert.Throws<ArgumentOutOfRangeException>(() => _model.Fit(_source, _optimizer, new FitOptions { Epochs = epochs, ValidateEvery = validateEvery }));

    [Fact]
    public void The_epoch_losses_are_the_means_of_the_step_losses_per_task()
    {
        var steps = new System.Collections.Generic.List<TwoHeadModel.LossValues>();
        var history = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 1 });
        // Repeat the same epoch by hand from the same start to see its steps.
        Reproducibility.Seed(6);
        var twin = new TwoHeadModel();
        var twinOptimizer = optim.SGD(twin.parameters(), 0.05);
        foreach (var batch in ScopedBatches.Of(_source.GetBatches(1)))
            steps.Add(twin.TrainStep(batch, twinOptimizer));
        var epoch = history[0].Train;
        Assert.Equal(steps.Average(s => s.Total), epoch.Total, 9);
        Assert.Equal(steps.Average(s => s.Kind), epoch.Kind, 9);
        Assert.Equal(steps.Average(s => s.Size), epoch.Size, 9);
        Assert.Equal(epoch.Kind, epoch[0]);
        Assert.Equal(epoch.Size, epoch[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => epoch[2]);
    }
}
