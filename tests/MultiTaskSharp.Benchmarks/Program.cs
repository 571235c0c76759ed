using System;
using MultiTaskSharp;
using MultiTaskSharp.Benchmarks;

// A timed harness that prints figures (never asserts them). See docs/benchmarks.md.
//   dotnet run -c Release --project tests/MultiTaskSharp.Benchmarks -- [train-step|fit|generator|all]
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
    case "all":
        TrainStepBenchmark.Run();
        Console.WriteLine();
        FitBenchmark.Run();
        Console.WriteLine();
        GeneratorBenchmark.Run();
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}': use train-step, fit, generator or all.");
        return 2;
}
return 0;
