using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// The generated training step against the hand-written one for the same model and data (median
/// per-step time and their ratio), and the live tensor count around 1,000 generated steps.
/// </summary>
internal static class TrainStepBenchmark
{
    private const int BatchSize = 32;
    private const int Rounds = 15;
    private const int StepsPerRound = 20;

    public static void Run()
    {
        Console.WriteLine($"== training step: generated vs hand-written (batch {BatchSize} × 1×32×32, CPU, {torch.get_num_threads()} threads)");
        Reproducibility.Seed(1);
        // Data and models are built outside any dispose scope: they live for the whole benchmark.
        var images = torch.randn(BatchSize, 1, 32, 32);
        var classes = torch.randint(0, 4, [BatchSize], dtype: int64);
        var masks = torch.randint(0, 2, [BatchSize, 32, 32], dtype: int64);
        var batch = new BenchModel.Batch(images, new BenchModel.Targets(Shape: classes, Mask: masks));

        var generated = new BenchModel();
        var handWritten = new HandWrittenModel();
        var generatedOptimizer = optim.Adam(generated.parameters(), lr: 1e-3);
        var handOptimizer = optim.Adam(handWritten.parameters(), lr: 1e-3);

        for (int i = 0; i < 30; i++)
        {
            generated.TrainStep(batch, generatedOptimizer);
            handWritten.TrainStep(images, classes, masks, handOptimizer);
        }

        // Interleaved rounds, so both sides see the same machine noise.
        var generatedTimes = new double[Rounds];
        var handTimes = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            generatedTimes[r] = Timing.Rounds(1, () => { for (int s = 0; s < StepsPerRound; s++) generated.TrainStep(batch, generatedOptimizer); })[0] / StepsPerRound;
            handTimes[r] = Timing.Rounds(1, () => { for (int s = 0; s < StepsPerRound; s++) handWritten.TrainStep(images, classes, masks, handOptimizer); })[0] / StepsPerRound;
        }
        double generatedMedian = Timing.Median(generatedTimes);
        double handMedian = Timing.Median(handTimes);
        var ratios = generatedTimes.Zip(handTimes, (g, h) => g / h);
        Console.WriteLine($"generated step   median {generatedMedian,8:F3} ms");
        Console.WriteLine($"hand-written     median {handMedian,8:F3} ms");
        Console.WriteLine($"ratio generated/hand-written: median of rounds {Timing.Median(ratios):F3} (min {ratios.Min():F3}, max {ratios.Max():F3})");

        Console.WriteLine();
        Console.WriteLine("== live tensors around 1,000 steps");
        var statistics = DisposeScopeManager.Statistics;
        long before = statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 1000; i++)
            generated.TrainStep(batch, generatedOptimizer);
        long afterSteps = statistics.ThreadTotalLiveCount;
        Console.WriteLine($"TrainStep × 1000:           live before {before}, after {afterSteps} (Δ {afterSteps - before})");

        // The same through Fit with in-memory batching: slicing and device copies are per-step tensors too.
        var all = new BenchModel.Batch(torch.randn(8 * 100, 1, 32, 32),
            new BenchModel.Targets(Shape: torch.randint(0, 4, [800], dtype: int64), Mask: torch.randint(0, 2, [800, 32, 32], dtype: int64)));
        var source = new TensorBatches<BenchModel.Batch>(all, batchSize: 8, shuffle: true, seed: 3, device: TorchDevices.Cpu);
        long beforeFit = statistics.ThreadTotalLiveCount;
        generated.Fit(source, generatedOptimizer, new FitOptions { Epochs = 10 });
        long afterFit = statistics.ThreadTotalLiveCount;
        Console.WriteLine($"Fit, 10 epochs × 100 steps: live before {beforeFit}, after {afterFit} (Δ {afterFit - beforeFit})");
    }
}
