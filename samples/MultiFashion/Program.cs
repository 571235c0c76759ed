using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiFashion;
using MultiTaskSharp;
using Spectre.Console;

// MultiFashion: Sener & Koltun's MultiMNIST construction on Fashion-MNIST; a shared LeNet trunk with a
// classifier per item, trained with each multi-task variant and compared with single-task baselines.

// Before any torch call: oneDNN's AVX-512 kernels miscompute small convolutions' gradients on some hosts (README).
NativeEnvironment.LimitCpuKernelsToAvx();

// Redirected output (CI logs) has no width; Spectre would assume 80 columns and wrap the epoch lines.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 160;

return FashionOptions.CreateCommand(Run).Parse(args).Invoke();

static int Run(FashionOptions options)
{
    // Every task of every model must beat chance (10 %) by this much; see docs/multifashion.md.
    double minAccuracy = options.Quick ? 0.50 : 0.70;

    if (MultiFashionData.Missing(options.DataDirectory) is { } missing)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{missing}[/]");
        return 2;
    }
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

    if (options.Threads is int threads)
        TorchSharp.torch.set_num_threads(threads);

    var total = Stopwatch.StartNew();
    var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
    AnsiConsole.MarkupLineInterpolated(
        $"[bold]MultiFashion[/] device {device.type}, {TorchSharp.torch.get_num_threads()} threads, {options.Epochs} epochs, seeds {string.Join(", ", seeds)}, data seed {options.DataSeed}{(options.Quick ? " (quick)" : "")}");

    MultiFashionSplits loaded;
    try
    {
        loaded = MultiFashionData.Load(options.DataDirectory, options.Quick, options.DataSeed);
    }
    catch (Exception e) when (e is InvalidDataException or IdxFormatException)
    {
        // A set too small to split, or a file that is not MNIST format: say which and stop, without a stack trace.
        AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
        return 2;
    }
    using var data = loaded;
    AnsiConsole.MarkupLineInterpolated(
        $"Two-item 1×28×28 images from [blue]{options.DataDirectory}[/]: {data.Train.Count} train, {data.Validation.Count} validation, {data.Test.Count} test ({total.Elapsed.TotalSeconds:F1} s)");
    if (options.ExportDirectory is { } exportTo)
    {
        TestSetExport.Write(data.Test, exportTo);
        AnsiConsole.MarkupLineInterpolated($"Wrote the composed test split to [blue]{exportTo}[/]");
    }

    var experiments = new Experiments(data, options.Epochs, device);
    var runs = new List<RunResult>();
    // Seeds outermost: an interrupted run still has every model for the seeds it finished.
    foreach (var seed in seeds)
        runs.AddRange(experiments.RunAll(seed, options.Variants));

    var rows = Summary.Build(runs);
    AnsiConsole.WriteLine();
    AnsiConsole.Write(ResultsTable.Build(rows, seeds.Length));
    AnsiConsole.MarkupLineInterpolated($"Total time {total.Elapsed.TotalMinutes:F1} min");

    var failures = new List<string>();
    foreach (var run in runs)
    {
        foreach (var (task, accuracy) in new[] { ("left", run.Left), ("right", run.Right) })
        {
            if (accuracy is double a && !(a >= minAccuracy))
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Model} (seed {run.Seed}): {task} accuracy {a:P1} is below {minAccuracy:P0}"));
        }
    }
    foreach (var failure in failures)
        AnsiConsole.MarkupLineInterpolated($"[red]FAIL[/]: {failure}.");
    if (failures.Count == 0)
        AnsiConsole.MarkupLineInterpolated($"[green]PASS[/]: every task of every model reached ≥ {minAccuracy:P0} test accuracy (chance: 10 %).");
    return failures.Count == 0 ? 0 : 1;
}
