using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using Spectre.Console;
using TorchSharp;

namespace SceneNet;

/// <summary>
/// Trains any generated model the same way — so the multi-task model and its baselines are
/// compared under equal conditions — and shows a live progress bar and one line per epoch.
/// </summary>
public static class TrainingRun
{
    public const int BatchSize = 64;
    public const double LearningRate = 3e-3;

    /// <summary>Adam over every parameter; call after <c>model.to(device)</c>, which replaces the parameter tensors.</summary>
    public static torch.optim.Optimizer CreateOptimizer(torch.nn.Module model) => torch.optim.Adam(model.parameters(), LearningRate);

    public static long CountParameters(torch.nn.Module model) => model.parameters().Sum(p => p.numel());

    public static (TimeSpan Elapsed, TrainingHistory<TLossValues, TMetrics> History) Fit<TBatch, TLossValues, TMetrics>(
        string title,
        IMultiTaskModel<TBatch, TLossValues, TMetrics> model,
        IBatchSource<TBatch> train,
        IBatchSource<TBatch>? validation,
        torch.optim.Optimizer optimizer,
        int epochs,
        IReadOnlyList<IFitCallback>? callbacks = null)
        where TBatch : class, IBatch<TBatch>
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLineInterpolated($"[bold]{title}[/]");
        // Cosine decay to zero over the run: the last epochs take small steps, so the final weights (and
        // batch-norm statistics) settle instead of depending on where the last few large steps landed.
        var options = new FitOptions
        {
            Epochs = epochs,
            Scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
            Callbacks = callbacks ?? [],
        };
        var clock = Stopwatch.StartNew();
        int perEpoch = train.BatchCount ?? 1;

        void PrintEpoch(EpochRecord<TLossValues, TMetrics> record) => AnsiConsole.MarkupLine(EpochLine(record, epochs));

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output (CI, a log file): a redrawn bar would only add noise; the epoch lines carry the progress.
            var history = Trainer.Fit(model, train, optimizer, options, validation, onEpoch: PrintEpoch);
            return (clock.Elapsed, history);
        }

        TrainingHistory<TLossValues, TMetrics>? result = null;
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
                result = Trainer.Fit(model, train, optimizer, options, validation, progress, PrintEpoch);
            });
        return (clock.Elapsed, result!);
    }

    /// <summary>"epoch 3/8  train Total … Shape … Mask …  │ validation Shape acc …" with the model's own task names.</summary>
    private static string EpochLine<TLossValues, TMetrics>(EpochRecord<TLossValues, TMetrics> record, int epochs)
        where TLossValues : ILossValues<TLossValues>
        where TMetrics : class, ITaskMetricsSet
    {
        var names = TLossValues.TaskNames;
        var train = string.Join("  ", names.Select((name, t) => Invariant($"{name} {record.Train[t]:F4}")));
        var line = Invariant($"epoch {record.Epoch,2}/{epochs}  [grey]train loss[/] total {record.Train.Total:F4}  {train}");
        if (record.Validation is { } validation)
            line += "  [grey]│ validation[/] " + string.Join("  ", validation.Tasks.Select(MetricText.Of));
        return line + Invariant($"  [grey]({record.Elapsed.TotalSeconds:F1} s)[/]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
