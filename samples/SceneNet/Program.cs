using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using MultiTaskSharp;
using SceneNet;
using Spectre.Console;

// SceneNet: one trunk, two tasks (shape class + pixel mask), compared with single-task baselines.

// Before any torch call: oneDNN's AVX-512 kernels miscompute small convolutions' gradients on some hosts (README).
NativeEnvironment.LimitCpuKernelsToAvx();

// Redirected output (CI logs) has no width; Spectre would assume 80 columns and wrap the epoch lines.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 160;

return SceneOptions.CreateCommand(Run, WeightingsComparison.Run).Parse(args).Invoke();

static int Run(SceneOptions options)
{
    // Thresholds a full run must reach (the CI smoke check); --quick runs are too short to be judged.
    const double MinAccuracy = 0.9;
    const double MinMeanIoU = 0.8;

    TorchSharp.torch.Device device;
    try
    {
        device = TorchDevices.Resolve(options.Device);
    }
    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
        return 2;
    }

    var total = Stopwatch.StartNew();
    AnsiConsole.MarkupLineInterpolated(
        $"[bold]SceneNet[/] device {device.type}, {TorchSharp.torch.get_num_threads()} threads, seed {options.Seed}, {options.Epochs} epochs{(options.Quick ? " (quick)" : "")}");

    // One Random for all three splits: the seed fixes every image, and the splits never overlap.
    var random = new Random(options.Seed);
    using var train = ShapeScenes.Generate(options.TrainCount, random);
    using var validation = ShapeScenes.Generate(options.ValidationCount, random);
    using var test = ShapeScenes.Generate(options.TestCount, random);
    AnsiConsole.MarkupLineInterpolated(
        $"Synthetic 1×32×32 images: {train.Count} train, {validation.Count} validation, {test.Count} test ({total.Elapsed.TotalSeconds:F1} s)");

    var experiments = new Experiments(train, validation, test, options, device);
    var results = new List<RunResult>();
    var (multiTask, model, optimizer) = experiments.MultiTask();
    using (model)
    using (optimizer)
    {
        results.Add(multiTask);
        if (options.SavePath is { } path)
        {
            Checkpoint.Save(path, model, optimizer, options.Epochs);
            AnsiConsole.MarkupLineInterpolated($"Saved the multi-task model to [blue]{path}[/]");
        }
        if (options.TensorBoard is { } folder)
            AnsiConsole.MarkupLineInterpolated($"TensorBoard scalars in [blue]{folder}[/] (tensorboard --logdir {folder})");
        if (options.PlotPath is { } plot)
            AnsiConsole.MarkupLineInterpolated($"Training curves drawn to [blue]{plot}[/]");
        AnsiConsole.WriteLine();
        AnsiConsole.Write(PredictionPreview.Build(model, test, device, count: 6));
    }

    if (options.Baselines)
    {
        results.Add(experiments.ShapeOnly());
        results.Add(experiments.MaskOnly());
    }

    AnsiConsole.WriteLine();
    AnsiConsole.Write(ResultsTable.Build(results));
    AnsiConsole.MarkupLineInterpolated($"Total time {total.Elapsed.TotalSeconds:F1} s");

    if (options.Quick)
    {
        AnsiConsole.MarkupLine("[grey]Quick run: too short to learn much, so the metrics are not checked.[/]");
        return 0;
    }
    var failures = new List<string>();
    if (!(multiTask.Shape?.Accuracy >= MinAccuracy))
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"shape accuracy {multiTask.Shape?.Accuracy:F3} is below {MinAccuracy}"));
    if (!(multiTask.Mask?.MeanIoU >= MinMeanIoU))
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"mask mean IoU {multiTask.Mask?.MeanIoU:F3} is below {MinMeanIoU}"));
    foreach (var failure in failures)
        AnsiConsole.MarkupLineInterpolated($"[red]FAIL[/]: the multi-task model's {failure}.");
    if (failures.Count == 0)
        AnsiConsole.MarkupLineInterpolated($"[green]PASS[/]: multi-task accuracy ≥ {MinAccuracy} and mean IoU ≥ {MinMeanIoU}.");
    return failures.Count == 0 ? 0 : 1;
}
