using System;
using System.Linq;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// Fit and Evaluate over the main sample's architecture: steps per second and host reads (device→host copies) per
/// epoch, with the per-step check on and off and with different loss-reading intervals; and the same through a plain
/// TrainStep loop, which reads its losses every step. On this CPU a host read is nearly free; on a GPU each one waits
/// for the device to finish, which is what the counts are for.
/// </summary>
internal static class FitBenchmark
{
    private const int Examples = 32 * 40, BatchSize = 32, Rounds = 5;

    public static void Run()
    {
        Console.WriteLine($"== Fit and Evaluate: steps per second and host reads per epoch ({Examples / BatchSize} steps of {BatchSize} × 1×32×32, CPU, {get_num_threads()} threads)");
        Reproducibility.Seed(2);
        var all = new BenchModel.Batch(randn(Examples, 1, 32, 32),
            new BenchModel.Targets(Shape: randint(0, 4, [Examples], dtype: int64), Mask: randint(0, 2, [Examples, 32, 32], dtype: int64)));
        var source = new TensorBatches<BenchModel.Batch>(all, BatchSize, shuffle: true, seed: 1);

        var variants = new (string Name, Func<BenchModel, optim.Optimizer, int> Epoch)[]
        {
            ("Fit, checks on, losses read every 20 steps", (m, o) => FitEpoch(m, o, source, new FitOptions { Epochs = 1 })),
            ("Fit, checks on, losses read every step", (m, o) => FitEpoch(m, o, source, new FitOptions { Epochs = 1, ReportEvery = 1 })),
            ("Fit, checks off", (m, o) => FitEpoch(m, o, source, new FitOptions { Epochs = 1, Step = new TrainStepOptions { CheckFinite = false } })),
            ("TrainStep loop (reads every step)", (m, o) => StepLoop(m, o, source)),
        };
        var model = new BenchModel();
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        FitEpoch(model, optimizer, source, new FitOptions { Epochs = 1 }); // warm-up
        // Rounds interleave the variants so each sees the same machine noise.
        var times = variants.Select(_ => new double[Rounds]).ToArray();
        var reads = new long[variants.Length];
        for (int r = 0; r < Rounds; r++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long before = HostReads.Count;
                times[v][r] = Timing.Rounds(1, () => variants[v].Epoch(model, optimizer))[0];
                reads[v] = HostReads.Count - before;
            }
        }
        int steps = Examples / BatchSize;
        Console.WriteLine($"{"variant",-46} {"steps/s",9} {"host reads/epoch",17}");
        for (int v = 0; v < variants.Length; v++)
            Console.WriteLine($"{variants[v].Name,-46} {steps / (Timing.Median(times[v]) / 1000),9:F1} {reads[v],17}");

        long beforeEvaluate = HostReads.Count;
        var evaluateTimes = Timing.Rounds(Rounds, () => model.Evaluate(source));
        long evaluateReads = (HostReads.Count - beforeEvaluate) / Rounds;
        Console.WriteLine($"{"Evaluate (2 tasks)",-46} {steps / (Timing.Median(evaluateTimes) / 1000),9:F1} {evaluateReads,17}");

        // Predict over a source: the predictions stay on the device (the caller reads what it needs), so no read at all.
        long beforePredict = HostReads.Count;
        var predictTimes = Timing.Rounds(Rounds, () =>
        {
            foreach (var prediction in model.Predict(source))
            {
                prediction.Shape.Class.Dispose();
                prediction.Shape.Probabilities.Dispose();
                prediction.Mask.Class.Dispose();
                prediction.Mask.Probabilities.Dispose();
            }
        });
        long predictReads = (HostReads.Count - beforePredict) / Rounds;
        Console.WriteLine($"{"Predict over the source (2 tasks)",-46} {steps / (Timing.Median(predictTimes) / 1000),9:F1} {predictReads,17}");
        Console.WriteLine($"(per epoch of {steps} batches. Evaluate: one read for its checks plus one per task's metrics, at the end; none per batch.");
        Console.WriteLine(" Predict: none; its tensors are the caller's to read. Counted by the runtime's HostReads, which every device→host copy of the loops goes through.)");
    }

    private static int FitEpoch(BenchModel model, optim.Optimizer optimizer, TensorBatches<BenchModel.Batch> source, FitOptions options)
    {
        // Progress reporting is what makes Fit read the running loss every ReportEvery steps.
        model.Fit(source, optimizer, options, progress: new InlineProgress<FitProgress>(_ => { }));
        return 0;
    }

    private static int StepLoop(BenchModel model, optim.Optimizer optimizer, TensorBatches<BenchModel.Batch> source)
    {
        foreach (var batch in ScopedBatches.Of(source.GetBatches(1)))
            model.TrainStep(batch, optimizer);
        return 0;
    }
}
