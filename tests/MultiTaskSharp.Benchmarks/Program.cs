using System;
using MultiTaskSharp;
using MultiTaskSharp.Benchmarks;

// A timed harness that prints figures (never asserts them). See docs/benchmarks.md.
//   dotnet run -c Release --project tests/MultiTaskSharp.Benchmarks -- [train-step|generator|all|pytorch]
// `pytorch` (not part of `all`: it needs Debian's python3-torch) compares with benchmarks/pytorch/peer.py
// and measures one MultiFashion-sized epoch.
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
    case "pytorch":
        int status = PyTorchComparison.Run();
        Console.WriteLine();
        FashionEpochBenchmark.Run();
        return status;
    case "all":
        TrainStepBenchmark.Run();
        Console.WriteLine();
        GeneratorBenchmark.Run();
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}': use train-step, generator, all or pytorch.");
        return 2;
}
return 0;
