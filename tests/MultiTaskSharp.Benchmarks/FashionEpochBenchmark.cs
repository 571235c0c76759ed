using System;
using System.Diagnostics;
using MultiTaskSharp.Generated;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// One full training epoch of MultiFashion's size (54,000 examples of 1×28×28, batch 256, MultiLeNet, Adam):
/// how fast the batch source produces batches on its own, how fast the training step consumes them, what
/// share of the epoch is spent waiting for data, the peak resident memory and the live tensors around it.
/// </summary>
/// <remarks>
/// The inputs are the first 54,000 Fashion-MNIST training images, normalised, with the labels as the left
/// task and shifted labels as the right one: the sample's two-item composition happens once before training
/// and changes no tensor shape, so it does not affect these figures.
/// </remarks>
internal static class FashionEpochBenchmark
{
    private const string Directory = "/usr/share/datasets/fashion-mnist";
    private const int Examples = 54_000;
    private const int BatchSize = 256;

    public static void Run(int threads)
    {
        torch.set_num_threads(threads);
        Console.WriteLine($"== one MultiFashion-sized epoch: batch source vs training step ({Examples:N0} × 1×28×28, batch {BatchSize}, {torch.get_num_threads()} threads)");
        if (!MnistFormat.IsPresent(Directory))
        {
            Console.WriteLine($"   skipped: Fashion-MNIST is not in {Directory} (apt-get install dataset-fashion-mnist).");
            return;
        }
        var statistics = DisposeScopeManager.Statistics;
        double rssStart = ProcessMemory.ResidentMiB();

        FashionLeNet.Batch all;
        using (var scope = NewDisposeScope())
        {
            using var train = MnistFormat.Load(Directory, MnistSplit.Train);
            var images = train.Images.narrow(0, 0, Examples).unsqueeze(1).to_type(ScalarType.Float32).div_(255f).sub_(0.1307f).div_(0.3081f);
            var left = train.Labels.narrow(0, 0, Examples);
            var right = train.Labels.roll(1).narrow(0, 0, Examples);
            all = new FashionLeNet.Batch(images.DetachFromDisposeScope(), new FashionLeNet.Targets(left.DetachFromDisposeScope(), right.DetachFromDisposeScope()));
        }
        double rssData = ProcessMemory.ResidentMiB();
        var source = new TensorBatches<FashionLeNet.Batch>(all, BatchSize, shuffle: true, seed: 1);

        Reproducibility.Seed(1);
        var model = new FashionLeNet();
        var optimizer = optim.Adam(model.parameters(), lr: 5e-4);
        // Warm-up: kernels, Adam's state and the allocator's caches exist before anything is counted.
        foreach (var batch in ScopedBatches.Of(source.GetBatches(0)))
            model.TrainStep(batch, optimizer);

        // The source alone: one pass of shuffled slicing, nothing else.
        int sourceBatches = 0;
        var clock = Stopwatch.StartNew();
        foreach (var batch in ScopedBatches.Of(source.GetBatches(1)))
            sourceBatches += batch.Input.shape[0] > 0 ? 1 : 0;
        double sourceAloneSeconds = clock.Elapsed.TotalSeconds;

        // A training epoch, timing the source's MoveNext (the step waiting for data) apart from the step.
        bool peakReset = ProcessMemory.ResetPeak();
        double rssBefore = ProcessMemory.ResidentMiB();
        long liveBefore = statistics.ThreadTotalLiveCount;
        double dataSeconds = 0, stepSeconds = 0;
        int steps = 0;
        var epoch = Stopwatch.StartNew();
        using (var batches = ScopedBatches.Of(source.GetBatches(2)).GetEnumerator())
        {
            while (true)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (!batches.MoveNext())
                    break;
                long t1 = Stopwatch.GetTimestamp();
                model.TrainStep(batches.Current, optimizer);
                long t2 = Stopwatch.GetTimestamp();
                dataSeconds += Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
                stepSeconds += Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
                steps++;
            }
        }
        double epochSeconds = epoch.Elapsed.TotalSeconds;
        long liveAfter = statistics.ThreadTotalLiveCount;
        double rssAfter = ProcessMemory.ResidentMiB();
        double peak = ProcessMemory.PeakResidentMiB();

        Console.WriteLine($"   batch source alone        {sourceBatches / sourceAloneSeconds,9:F0} batches/s  ({sourceAloneSeconds * 1000:F0} ms for {sourceBatches} batches)");
        Console.WriteLine($"   training step alone       {steps / stepSeconds,9:F1} batches/s  ({stepSeconds * 1000 / steps:F2} ms per step)");
        Console.WriteLine($"   epoch                     {steps / epochSeconds,9:F1} batches/s  ({epochSeconds:F2} s; waiting for data {dataSeconds * 1000:F0} ms = {100 * dataSeconds / epochSeconds:F1} % of it)");
        Console.WriteLine($"   live tensors              before the epoch {liveBefore}, after {liveAfter} (Δ {liveAfter - liveBefore})");
        Console.WriteLine($"   resident memory (MiB)     at start {rssStart:F0}, with the data {rssData:F0}, before the epoch {rssBefore:F0}, after {rssAfter:F0}, " +
                          (peakReset ? $"peak during the epoch {peak:F0}" : $"peak of the process {peak:F0} (could not reset the peak)"));
    }
}
