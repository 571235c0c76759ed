using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using MultiTaskSharp.Runtime.Tests.Datasets;
using MultiTaskSharp.Runtime.Tests.Models;
using MultiTaskSharp.Runtime.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Training;

/// <summary>The callback mechanism of <c>Fit</c>: hook order, stopping, typed callbacks, monitors checked up front, logging.</summary>
public sealed class FitCallbackTests
{
    private readonly TwoHeadModel _model;
    private readonly optim.Optimizer _optimizer;
    private readonly TensorBatches<TwoHeadModel.Batch> _source = new(TwoHeadData.Create(24), batchSize: 8, shuffle: true, seed: 1);
    private readonly TensorBatches<TwoHeadModel.Batch> _validation = new(TwoHeadData.Create(16, seed: 3), batchSize: 8);

    public FitCallbackTests()
    {
        Reproducibility.Seed(6);
        _model = new TwoHeadModel();
        _optimizer = optim.SGD(_model.parameters(), 0.05);
    }

    /// <summary>Writes down every hook as it is called.</summary>
    private sealed class Recorder : IFitCallback
    {
        public List<string> Calls { get; } = [];

        public void OnTrainBegin<TL, TM>(FitContext<TL, TM> fit) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"train+ {fit.Epoch}/{fit.Epochs}");

        public void OnEpochBegin<TL, TM>(FitContext<TL, TM> fit) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"epoch+ {fit.Epoch}");

        public void OnBatchBegin<TL, TM>(FitContext<TL, TM> fit, int batch) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"batch+ {batch}");

        public void OnBatchEnd<TL, TM>(FitContext<TL, TM> fit, FitBatch batch) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"batch- {batch.Epoch}.{batch.Batch}{(batch.IsLast ? " last" : "")}");

        public void OnEpochEnd<TL, TM>(FitContext<TL, TM> fit, EpochRecord<TL, TM> epoch) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"epoch- {epoch.Epoch} {(ReferenceEquals(fit.History.Last, epoch) ? "recorded" : "missing")}");

        public void OnTrainEnd<TL, TM>(FitContext<TL, TM> fit) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => Calls.Add($"train- {fit.History.Count}");
    }

    [Fact]
    public void Every_hook_is_called_in_order_around_epochs_and_batches()
    {
        var recorder = new Recorder();
        _model.Fit(_source, _optimizer, new FitOptions { Epochs = 2, Callbacks = [recorder] });
        string[] epoch(int e) => [$"epoch+ {e}", "batch+ 1", $"batch- {e}.1", "batch+ 2", $"batch- {e}.2", "batch+ 3", $"batch- {e}.3 last", $"epoch- {e} recorded"];
        Assert.Equal(["train+ 0/2", .. epoch(1), .. epoch(2), "train- 2"], recorder.Calls);
    }

    /// <summary>Stops once the Kind accuracy passes a bar, reading the typed record.</summary>
    private sealed class StopAtAccuracy(double bar) : FitCallback<TwoHeadModel.LossValues, TwoHeadModel.Metrics>
    {
        public List<double> Seen { get; } = [];

        protected override void OnEpochEnd(FitContext<TwoHeadModel.LossValues, TwoHeadModel.Metrics> fit, EpochRecord<TwoHeadModel.LossValues, TwoHeadModel.Metrics> epoch)
        {
            double accuracy = epoch.Validation!.Kind.Accuracy!.Value;
            Seen.Add(accuracy);
            if (accuracy >= bar)
                fit.StopTraining($"Kind accuracy {accuracy} reached {bar}");
        }
    }

    [Fact]
    public void A_typed_callback_reads_the_models_records_and_can_stop_training()
    {
        // A bar of 0 is reached at the first epoch: training ends after it, as early stopping would.
        var stop = new StopAtAccuracy(0);
        var history = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 5, Callbacks = [stop] }, _validation);
        Assert.Single(history);
        Assert.True(history.StoppedEarly);
        Assert.False(history.Cancelled);
        Assert.StartsWith("Kind accuracy", history.StopReason);
        Assert.Equal([history[0].Validation!.Kind.Accuracy!.Value], stop.Seen);

        // An unreachable bar never stops it.
        var never = new StopAtAccuracy(2);
        var full = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 3, Callbacks = [never] }, _validation);
        Assert.Equal(3, full.Count);
        Assert.False(full.StoppedEarly);
        Assert.Null(full.StopReason);
    }

    [Fact]
    public void A_typed_callback_given_to_another_model_fails_before_the_first_step_naming_both()
    {
        var other = new DropoutModel();
        var otherOptimizer = optim.SGD(other.parameters(), 0.05);
        var before = TorchAssert.Snapshot(other);
        var data = Training.FitOptionsTests.Data(16, 1);
        var error = Assert.Throws<InvalidOperationException>(() => other.Fit(new TensorBatches<DropoutModel.Batch>(data, 8), otherOptimizer,
            new FitOptions { Epochs = 1, Callbacks = [new StopAtAccuracy(1)] }));
        Assert.Contains(nameof(StopAtAccuracy), error.Message);
        Assert.Contains("TwoHeadModel+LossValues", error.Message);
        Assert.Contains("DropoutModel+LossValues", error.Message);
        TorchAssert.Unchanged(before, other);
    }

    [Fact]
    public void Typed_monitors_name_the_task_and_metric_the_declaration_has()
    {
        Assert.Equal("Kind Accuracy", TwoHeadModel.Monitors.KindAccuracy.Name);
        Assert.True(TwoHeadModel.Monitors.KindAccuracy.HigherIsBetter);
        Assert.True(TwoHeadModel.Monitors.KindMacroF1.HigherIsBetter);
        Assert.False(TwoHeadModel.Monitors.SizeMeanSquaredError.HigherIsBetter);
        Assert.False(TwoHeadModel.Monitors.SizeLoss.HigherIsBetter);
        Assert.Equal("Size", TwoHeadModel.Monitors.SizeLoss.Task);
        // Only what the declaration has: Kind declares Accuracy and MacroF1, Size MeanSquaredError; each task a loss.
        var monitors = typeof(TwoHeadModel.Monitors).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(["KindAccuracy", "KindLoss", "KindMacroF1", "SizeLoss", "SizeMeanSquaredError"], monitors);
    }

    [Fact]
    public void A_typed_monitor_drives_early_stopping_like_the_value_it_names()
    {
        var history = _model.Fit(_source, _optimizer,
            new FitOptions { Epochs = 4, EarlyStopping = new EarlyStopping(TwoHeadModel.Monitors.SizeMeanSquaredError, Patience: 4) }, _validation);
        var best = history.MinBy(e => e.Validation!.Size.MeanSquaredError!.Value)!;
        Assert.Equal(best.Epoch, history.BestEpoch);
    }

#pragma warning disable CS0618 // the string-based monitors are obsolete; these tests pin down how they fail
    [Fact]
    public void A_misspelt_task_in_a_string_monitor_fails_when_Fit_starts_naming_the_known_tasks()
    {
        var before = TorchAssert.Snapshot(_model);
        var recorder = new Recorder();
        var error = Assert.Throws<ArgumentException>(() => _model.Fit(_source, _optimizer,
            new FitOptions { Epochs = 3, EarlyStopping = new EarlyStopping(FitMonitor.Metric("kind", MetricKind.Accuracy), Patience: 2), Callbacks = [recorder] },
            _validation));
        Assert.Contains("no task 'kind'", error.Message);
        Assert.Contains("did you mean 'Kind'", error.Message);
        Assert.Contains("'Kind', 'Size'", error.Message);
        Assert.Contains("Monitors", error.Message);
        // Nothing trained: no step, no epoch.
        TorchAssert.Unchanged(before, _model);
        Assert.DoesNotContain(recorder.Calls, c => c.StartsWith("batch", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_task_in_a_checkpoint_or_scheduler_monitor_fails_when_Fit_starts()
    {
        var checkpoint = Assert.Throws<ArgumentException>(() => _model.Fit(_source, _optimizer,
            new FitOptions { Epochs = 1, Checkpoints = new CheckpointOptions(System.IO.Path.GetTempPath()) { KeepBest = FitMonitor.TaskLoss("Siz") } }, _validation));
        Assert.Contains("Checkpoints.KeepBest", checkpoint.Message);
        Assert.Contains("no task 'Siz'", checkpoint.Message);
        var scheduler = Assert.Throws<ArgumentException>(() => _model.Fit(_source, _optimizer,
            new FitOptions { Epochs = 1, Scheduler = optim.lr_scheduler.ReduceLROnPlateau(_optimizer), SchedulerMonitor = FitMonitor.TaskLoss("Sise") }, _validation));
        Assert.Contains("no task 'Sise'", scheduler.Message);
    }
#pragma warning restore CS0618

    [Fact]
    public void A_logger_gets_one_information_summary_per_epoch_and_the_outcome()
    {
        var logger = new ListLogger();
        var history = _model.Fit(_source, _optimizer, new FitOptions { Epochs = 3, Logger = logger }, _validation);
        var epochs = logger.Entries.Where(e => e.Message.StartsWith("Epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.StartsWith("Epoch 2/3: training loss ", epochs[1].Message);
        Assert.Contains("Kind loss", epochs[1].Message);
        Assert.Contains("Accuracy", epochs[1].Message);
        Assert.Contains(history[1].Train.Kind.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), epochs[1].Message);
        Assert.StartsWith("Fit: epochs 1 to 3, tasks Kind, Size", logger.Entries[0].Message);
        Assert.StartsWith("Fit completed after 3 epoch(s)", logger.Entries[^1].Message);
    }

    /// <summary>Logs through the fit's logger, as any callback may.</summary>
    private sealed class Shout : IFitCallback
    {
        public void OnEpochEnd<TL, TM>(FitContext<TL, TM> fit, EpochRecord<TL, TM> epoch) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
            => fit.Logger.LogWarning("epoch {Epoch} done", epoch.Epoch);
    }

    [Fact]
    public void Callbacks_log_through_the_fits_logger_and_without_one_nothing_is_written()
    {
        var logger = new ListLogger();
        _model.Fit(_source, _optimizer, new FitOptions { Epochs = 2, Logger = logger, Callbacks = [new Shout()] });
        Assert.Equal(["epoch 1 done", "epoch 2 done"], logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message));
        // No logger: the callbacks get one that discards (no console, no exception).
        _model.Fit(_source, _optimizer, new FitOptions { Epochs = 1, Callbacks = [new Shout()] });
    }

    [Fact]
    public void A_callback_that_throws_ends_the_fit_with_its_exception()
    {
        var failing = new ThrowAtEpoch(2);
        var error = Assert.Throws<InvalidOperationException>(() => _model.Fit(_source, _optimizer, new FitOptions { Epochs = 4, Callbacks = [failing] }));
        Assert.Equal("epoch 2", error.Message);
        Assert.Equal(2, failing.Epochs);
    }

    private sealed class ThrowAtEpoch(int epoch) : IFitCallback
    {
        public int Epochs { get; private set; }

        public void OnEpochEnd<TL, TM>(FitContext<TL, TM> fit, EpochRecord<TL, TM> record) where TL : ILossValues<TL> where TM : class, ITaskMetricsSet
        {
            Epochs++;
            if (record.Epoch == epoch)
                throw new InvalidOperationException($"epoch {epoch}");
        }
    }

    [Fact]
    public void Early_stopping_and_checkpoints_work_as_plain_callbacks()
    {
        using var folder = new Observability.TemporaryDirectory();
        // A learning rate of 0 never improves: the first epoch stays the best, training stops after the patience.
        var frozen = optim.SGD(_model.parameters(), 0);
        var checkpoints = new CheckpointOptions(folder.File("ckpt")) { KeepBest = TwoHeadModel.Monitors.KindLoss };
        var history = _model.Fit(_source, frozen,
            new FitOptions { Epochs = 10, Callbacks = [new EarlyStopping(FitMonitor.ValidationLoss, Patience: 2), checkpoints] }, _validation);
        Assert.Equal(3, history.Count);
        Assert.True(history.StoppedEarly);
        Assert.Contains("validation loss has not improved for 2 epoch(s)", history.StopReason);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(3, Checkpoint.Load(checkpoints.Last, new TwoHeadModel()).Epoch);
        Assert.Equal(1, Checkpoint.Load(checkpoints.Best, new TwoHeadModel()).Epoch);
    }
}
