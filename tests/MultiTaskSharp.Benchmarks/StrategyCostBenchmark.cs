using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// What each weighting strategy costs per training step on the main sample's architecture, relative to equal
/// weighting (one backward pass), and the peak resident memory of a process that trains with it. Gradient methods
/// pay for one backward pass per task (with the graph retained) plus the Gram matrix and its host read; with
/// representation gradients the per-task passes stop at the trunk's output.
/// </summary>
internal static class StrategyCostBenchmark
{
    private const int BatchSize = 32, Rounds = 9, StepsPerRound = 10, MemorySteps = 30;

    /// <summary>Every strategy, with the paper's defaults; the seeded ones get a fixed seed.</summary>
    private static readonly (string Name, Func<LossWeighting> Create)[] Strategies =
    [
        ("EW", () => new EW()),
        ("fixed (1, 0.5)", () => new FixedLossWeights(1.0, 0.5)),
        ("UW", () => new UW()),
        ("DWA", () => new DWA()),
        ("RLW", () => new RLW(1)),
        ("GLS", () => new GLS()),
        ("FAMO", () => new FAMO()),
        ("GradNorm", () => new GradNorm()),
        ("MGDA", () => new MGDA()),
        ("MGDA-UB (repr.)", () => new MGDA { Gradients = GradientSource.Representation }),
        ("PCGrad", () => new PCGrad(1)),
        ("CAGrad", () => new CAGrad()),
        ("IMTL-G", () => new IMTLG()),
        ("IMTL-G (repr.)", () => new IMTLG { Gradients = GradientSource.Representation }),
        ("Aligned-MTL", () => new AlignedMTL()),
        ("Nash-MTL", () => new NashMTL()),
    ];

    public static void Run()
    {
        Console.WriteLine($"== weighting strategies: time per training step relative to EW, and peak memory (batch {BatchSize} × 1×32×32, CPU, {get_num_threads()} threads)");
        var batch = MakeBatch();
        var models = Strategies.Select(s => Prepare(s.Create, batch)).ToArray();

        // Rounds interleave the strategies so each sees the same machine noise.
        var times = Strategies.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < Rounds; r++)
            for (int s = 0; s < models.Length; s++)
            {
                var (model, optimizer) = models[s];
                times[s].Add(Timing.Rounds(1, () => Steps(model, optimizer, batch, StepsPerRound))[0] / StepsPerRound);
            }

        var peaks = Strategies.Select(s => PeakMemoryInChildProcess(s.Name)).ToArray();
        double ew = Timing.Median(times[0]);
        double? ewPeak = peaks[0];
        Console.WriteLine($"{"strategy",-18} {"ms/step",8} {"× EW",6} {"peak RSS MiB",13} {"Δ vs EW MiB",12}");
        for (int s = 0; s < Strategies.Length; s++)
        {
            double median = Timing.Median(times[s]);
            string peak = peaks[s] is { } p ? $"{p:F0}" : "n/a";
            string delta = peaks[s] is { } q && ewPeak is { } e ? $"{q - e:+0;-0;0}" : "n/a";
            Console.WriteLine($"{Strategies[s].Name,-18} {median,8:F1} {median / ew,6:F2} {peak,13} {delta,12}");
        }
        Console.WriteLine($"(median of {Rounds} interleaved rounds × {StepsPerRound} steps; peak RSS of a fresh process that trains {MemorySteps} steps with the strategy)");
    }

    /// <summary>Entry point of the child process: train a few steps with one strategy and print the peak RSS.</summary>
    public static int RunMemoryProbe(string name)
    {
        var choice = Strategies.FirstOrDefault(s => s.Name == name);
        if (choice.Create is null)
        {
            Console.Error.WriteLine($"Unknown strategy '{name}'.");
            return 2;
        }
        var batch = MakeBatch();
        var (model, optimizer) = Prepare(choice.Create, batch);
        Steps(model, optimizer, batch, MemorySteps);
        Console.WriteLine(PeakResidentMiB()?.ToString(CultureInfo.InvariantCulture) ?? "n/a");
        return 0;
    }

    private static BenchModel.Batch MakeBatch()
    {
        Reproducibility.Seed(3);
        return new BenchModel.Batch(randn(BatchSize, 1, 32, 32),
            new BenchModel.Targets(Shape: randint(0, 4, [BatchSize], dtype: int64), Mask: randint(0, 2, [BatchSize, 32, 32], dtype: int64)));
    }

    private static (BenchModel Model, optim.Optimizer Optimizer) Prepare(Func<LossWeighting> create, BenchModel.Batch batch)
    {
        Reproducibility.Seed(4);
        // The strategy is attached before the optimizer is created, so learnable strategies' parameters are trained.
        var model = new BenchModel { LossWeighting = create() };
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        Steps(model, optimizer, batch, 3); // warm-up
        return (model, optimizer);
    }

    private static void Steps(BenchModel model, optim.Optimizer optimizer, BenchModel.Batch batch, int count)
    {
        // Epoch 1 for every step: DWA weighs by epoch means and needs to know the epoch (Fit passes it).
        var options = new TrainStepOptions { Epoch = 1 };
        for (int i = 0; i < count; i++)
            model.TrainStep(batch, optimizer, options);
    }

    private static double? PeakMemoryInChildProcess(string name)
    {
        // The benchmark's own assembly, run again by the same host with the probe's arguments.
        string assembly = typeof(StrategyCostBenchmark).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Under the `dotnet` host (`dotnet x.dll`) the assembly is an argument; the apphost (`dotnet run`, bin/…/x) is the
        // program itself. (Not compared by extension-less names: "MultiTaskSharp.Benchmarks" has no extension to drop.)
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("strategy-memory");
        start.ArgumentList.Add(name);
        using var child = Process.Start(start)!;
        // Both streams are drained concurrently: a child that fills one pipe while the parent waits on the other would hang.
        var error = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
        if (child.ExitCode == 0 && double.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out double mib))
            return mib;
        // A figure that could not be measured is shown as n/a, with the reason, never as a number.
        Console.Error.WriteLine($"memory probe for {name} failed (exit {child.ExitCode}): {start.FileName} {string.Join(' ', start.ArgumentList)}; stdout '{last}'; stderr '{error.Result.Trim()}'");
        return null;
    }

    /// <summary>VmHWM (the process's peak resident set) from /proc on Linux; null elsewhere.</summary>
    private static double? PeakResidentMiB()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return null;
        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null)
            return null;
        string kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0;
    }
}
