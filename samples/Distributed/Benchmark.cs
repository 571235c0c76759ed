using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using MultiTaskSharp;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>
/// Steps per second and bytes communicated per step, for every strategy, on the hard-sharing model widened to a
/// trunk of 64 → 256 → 256 units (82,432 shared parameters) and a global batch of 256. Run it once alone and
/// once under <c>mpirun -np 2</c>: the steps are the same global steps, so the rates compare directly.
/// </summary>
public static class Benchmark
{
    public static int Run(ProcessGroup group, bool quick)
    {
        int steps = quick ? 8 : 32;
        const int batch = 256;
        using var generator = new TorchSharp.torch.Generator(1);
        var x = randn([batch * steps, 64], generator: generator);
        var value = x.narrow(1, 0, 8).sum(1, keepdim: true);
        var kind = x.narrow(1, 8, 3).argmax(1);
        var all = new WideModel.Batch(x, new(value, kind));
        if (group.IsRoot)
        {
            Console.WriteLine($"{group.Size} process(es), global batch {batch}, {steps} steps per epoch, 1 warm-up epoch then 2 timed; one libtorch thread per process");
            Console.WriteLine($"{"Strategy",-22} {"Gradients",-15} {"steps/s",8} {"bytes/step",12}");
        }
        foreach (var strategy in StrategyCase.All)
        {
            Measure(group, strategy, GradientSource.Parameters, all, batch, steps);
            if (strategy.Representation)
                Measure(group, strategy, GradientSource.Representation, all, batch, steps);
        }
        return 0;
    }

    private static void Measure(ProcessGroup group, StrategyCase strategy, GradientSource source, WideModel.Batch all, int batch, int steps)
    {
        Reproducibility.Seed(1);
        using var model = new WideModel { LossWeighting = strategy.Instance(source) };
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var data = new TensorBatches<WideModel.Batch>(all, batch, shuffle: true, seed: 2);
        var parallel = group.Size > 1 ? group : null;
        model.Fit(data, optimizer, new FitOptions { Epochs = 1, DataParallel = parallel });
        long before = group.BytesCommunicated;
        var clock = Stopwatch.StartNew();
        model.Fit(data, optimizer, new FitOptions { Epochs = 2, DataParallel = parallel });
        clock.Stop();
        // Fit's start (broadcast of parameters and optimizer state) and epoch ends (buffers) are spread over the steps.
        double bytes = (group.BytesCommunicated - before) / (2.0 * steps);
        if (group.IsRoot)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{strategy.Name,-22} {source,-15} {2 * steps / clock.Elapsed.TotalSeconds,8:0.0} {bytes,12:N0}"));
    }
}
