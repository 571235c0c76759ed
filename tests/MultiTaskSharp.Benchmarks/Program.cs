using System;
using MultiTaskSharp;
using MultiTaskSharp.Benchmarks;

// A timed harness that prints figures (never asserts them). See docs/benchmarks.md.
//   dotnet run -c Release --project tests/MultiTaskSharp.Benchmarks -- [train-step|fit|strategies|scaling|generator|all|pytorch|streaming]
// `pytorch [--threads N] [compare|epoch|layers]` (not part of `all`: it needs Debian's python3-torch) compares the
// generated step with benchmarks/pytorch/peer.py and measures one MultiFashion-sized epoch (default: both, 2 threads);
// `layers` is the layer-by-layer table and the step variants (generated, unchecked, hand-written, PyTorch);
// `settings` measures the libtorch settings that differ (oneDNN, denormals, OpenMP wait policy, oneDNN's ISA).
// The same kernels the samples and tests use (README: CPUs with AVX-512); no measurable cost here.
NativeEnvironment.LimitCpuKernelsToAvx();
var which = args.Length > 0 ? args[0] : "all";
switch (which)
{
    case "train-step":
        TrainStepBenchmark.Run();
        break;
    case "generator":
        GeneratorBenchmark.Run();
        break;
    case "fit":
        FitBenchmark.Run();
        break;
    case "strategies":
        StrategyCostBenchmark.Run();
        break;
    case "scaling": // [T …]: the task counts (default 2 4 8 16 32)
        ScalingBenchmark.Run(args[1..]);
        break;
    case "strategy-memory" when args.Length > 1: // the child process of "strategies"
        return StrategyCostBenchmark.RunMemoryProbe(args[1]);
    case "step-probe" when args.Length > 3: // the child process of "pytorch settings"
        return SettingsTable.RunProbe(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
    case "pytorch":
        return RunPyTorch(args[1..]);
    case "streaming": // not part of `all`: it writes a file of a gigabyte (deleted afterwards)
        return StreamingBenchmark.Run(args[1..]);
    case "streaming-read" when args.Length > 2: // the child process of "streaming"
        return StreamingBenchmark.ReadProbe(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    case "all":
        TrainStepBenchmark.Run();
        Console.WriteLine();
        FitBenchmark.Run();
        Console.WriteLine();
        StrategyCostBenchmark.Run();
        Console.WriteLine();
        GeneratorBenchmark.Run();
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}': use train-step, fit, strategies, scaling, generator, all, pytorch or streaming.");
        return 2;
}
return 0;

// pytorch [--threads N] [compare|epoch|layers]: the comparison with the PyTorch peer and the epoch measurement.
static int RunPyTorch(string[] options)
{
    int threads = 2;
    string part = "both";
    for (int i = 0; i < options.Length; i++)
    {
        if (options[i] == "--threads" && i + 1 < options.Length)
            threads = int.Parse(options[++i], System.Globalization.CultureInfo.InvariantCulture);
        else
            part = options[i];
    }
    if (part is not ("both" or "compare" or "epoch" or "layers" or "settings"))
    {
        Console.Error.WriteLine($"Unknown part '{part}': use compare, epoch, layers, settings or nothing for compare and epoch.");
        return 2;
    }
    if (part is "layers" or "settings")
    {
        var script = PyTorchPeer.FindScript();
        if (script is null)
        {
            Console.Error.WriteLine("benchmarks/pytorch/peer.py was not found above the benchmark's output directory.");
            return 2;
        }
        if (part == "settings")
            return SettingsTable.Run(threads, script);
        using var peer = PyTorchPeer.Start(script, threads);
        return LayerTable.Run(threads, peer);
    }
    int status = part is "compare" or "both" ? PyTorchComparison.Run(threads) : 0;
    if (part is "epoch" or "both")
    {
        Console.WriteLine();
        FashionEpochBenchmark.Run(threads);
    }
    return status;
}
