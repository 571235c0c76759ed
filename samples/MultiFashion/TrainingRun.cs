using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;

namespace MultiFashion;

/// <summary>
/// Trains any generated model the same way, so the multi-task variants and the baselines are compared
/// under equal conditions, with a live progress bar and one line per epoch. The optimizer and its
/// schedule are the reference's (isl-org/MultiObjectiveOptimization, train_multi_task.py and sample.json).
/// </summary>
public static class TrainingRun
{
    /// <summary>The reference's batch size.</summary>
    public const int BatchSize = 256;

    /// <summary>Adam's learning rate in the reference's parameter file (sample.json); the repository gives no other.</summary>
    public const double LearningRate = 5e-4;

    /// <summary>The reference multiplies the learning rate by 0.85 before every tenth epoch (10, 20, …).</summary>
    public const double DecayFactor = 0.85;

    public const int DecayEvery = 10;

    /// <summary>Adam over every parameter; call after <c>model.to(device)</c>, which replaces the parameter tensors.</summary>
    public static torch.optim.Optimizer CreateOptimizer(torch.nn.Module model) => torch.optim.Adam(model.parameters(), LearningRate);

    /// <summary>What one training reports: the wall time of every epoch (validation included).</summary>
    public sealed record Timing(TimeSpan Total, TimeSpan[] Epochs)
    {
        public double SecondsPerEpoch => Epochs.Average(e => e.TotalSeconds);
    }

    public static Timing Fit<TBatch, TLossValues, TMetrics>(
        string title,
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model,
        IBatchSource<TBatch> train,
        IBatchSource<TBatch> validation,
        torch.optim.Optimizer optimizer,
        int epochs)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLineInterpolated($"[bold]{title}[/]");
        var options = new FitOptions { Epochs = epochs };
        var clock = Stopwatch.StartNew();
        int perEpoch = train.BatchCount ?? 1;
        var epochTimes = new TimeSpan[epochs];

        // Epoch e (counted from 1) trains at 0.85^⌊e/10⌋ of the initial rate, as in the reference's loop.
        var schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, step => Math.Pow(DecayFactor, (step + 1) / DecayEvery));

        void EndEpoch(EpochRecord<TLossValues, TMetrics> record)
        {
            schedule.step();
            epochTimes[record.Epoch - 1] = record.Elapsed;
            AnsiConsole.MarkupLine(EpochLine(record, epochs));
        }

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output (CI, a log file): a redrawn bar would only add noise; the epoch lines carry the progress.
            Trainer.Fit(model, train, optimizer, options, validation, onEpoch: EndEpoch);
            return new Timing(clock.Elapsed, epochTimes);
        }

        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: (double)epochs * perEpoch);
                // Fit is synchronous and reports on this thread; Spectre redraws from its own thread.
                var progress = new InlineProgress<FitProgress>(p =>
                {
                    task.Value = (double)(p.Epoch - 1) * perEpoch + p.Batch;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss,7:F4}");
                });
                Trainer.Fit(model, train, optimizer, options, validation, progress, EndEpoch);
            });
        return new Timing(clock.Elapsed, epochTimes);
    }

    /// <summary>"epoch 3/20  train loss total … Left … Right …  │ validation Left acc …" with the model's own task names.</summary>
    private static string EpochLine<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> record, int epochs)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var names = TLossValues.TaskNames;
        var train = string.Join("  ", names.Select((name, t) => Invariant($"{name} {record.Train[t]:F4}")));
        var line = Invariant($"epoch {record.Epoch,2}/{epochs}  [grey]train loss[/] total {record.Train.Total:F4}  {train}");
        if (record.Validation is { } validation)
            line += "  [grey]│ validation acc[/] " + string.Join("  ", validation.Tasks.Select(t => Invariant($"{t.Task} {t.Accuracy:F4}")));
        return line + Invariant($"  [grey]({record.Elapsed.TotalSeconds:F1} s)[/]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
