using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTaskSharp.Benchmarks;

/// <summary>The layers of the scaling models (ScalingModels.cs): a conv trunk to 32 features and 4-class linear heads.</summary>
public static class ScalingLayers
{
    public static Sequential Trunk() => Sequential(
        Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), ReLU(), AdaptiveAvgPool2d(1), Flatten());

    public static Sequential Head() => Sequential(Linear(32, 4));
}

/// <summary>
/// <c>scaling</c>: what every weighting strategy costs per training step as the number of tasks grows (T = 2 … 32, one
/// shared trunk, T small heads), relative to EW on the same model, with parameter and representation gradients, and
/// the step's transient memory. Next to it, the trunk's backward share of an EW step (s = trunk backward / EW step),
/// so each gradient strategy can be read against the cost model "1 + T·s": T backward passes through the trunk for the
/// per-task gradients instead of one.
/// </summary>
/// <remarks>ScalingModels.cs holds the five declarations (written out by a loop, not by hand: regenerate them together).</remarks>
internal static class ScalingBenchmark
{
    private const int BatchSize = 32, Rounds = 5, StepsPerRound = 3, MemorySteps = 3;
    private static readonly int[] TaskCounts = [2, 4, 8, 16, 32];

    private static readonly (string Name, Func<LossWeighting> Create, bool Gradient)[] Strategies =
    [
        ("EW", () => new EqualWeighting(), false),
        ("UW", () => new UncertaintyWeighting(), false),
        ("DWA", () => new DynamicWeightAverage(), false),
        ("RLW", () => new RandomLossWeighting(1), false),
        ("GLS", () => new GeometricLossStrategy(), false),
        ("FAMO", () => new Famo(), false),
        ("GradNorm", () => new GradNorm(), true),
        ("MGDA", () => new Mgda(), true),
        ("PCGrad", () => new PCGrad(1), true),
        ("CAGrad", () => new CAGrad(), true),
        ("IMTL-G", () => new ImtlG(), true),
        ("Aligned-MTL", () => new AlignedMtl(), true),
        ("Nash-MTL", () => new NashMtl(), true),
        ("GradNorm (repr.)", () => new GradNorm { Gradients = GradientSource.Representation }, true),
        ("MGDA-UB (repr.)", () => new Mgda { Gradients = GradientSource.Representation }, true),
        ("IMTL-G (repr.)", () => new ImtlG { Gradients = GradientSource.Representation }, true),
        ("Aligned-MTL (repr.)", () => new AlignedMtl { Gradients = GradientSource.Representation }, true),
    ];

    public static void Run(string[] options)
    {
        var counts = options.Length > 0 ? options.Select(o => int.Parse(o, CultureInfo.InvariantCulture)).ToArray() : TaskCounts;
        Console.WriteLine($"== scaling with the number of tasks: ms per step × EW, batch {BatchSize} × 1×32×32, {get_num_threads()} threads, load average {ProcessMemory.LoadAverage()}");
        Console.WriteLine($"   (median of {Rounds} interleaved rounds × {StepsPerRound} steps; memory: peak RSS over {MemorySteps} steps minus RSS before, MiB; bound = 1 + T·s for gradient strategies, 1.5 for representation)");
        var rows = new Dictionary<(string, int), (double Ratio, double Ms, double Memory)>();
        var shares = new Dictionary<int, (double Ew, double Trunk)>();
        foreach (int tasks in counts)
        {
            var models = Strategies.Select(s => Prepare(tasks, s.Create)).ToArray();
            var times = Strategies.Select(_ => new List<double>()).ToArray();
            var trunkTimes = new List<double>();
            var trunkBackward = TrunkBackward();
            for (int r = 0; r < Rounds; r++)
            {
                for (int s = 0; s < models.Length; s++)
                    times[s].Add(Timing.Rounds(1, models[s].Steps)[0] / StepsPerRound);
                trunkTimes.Add(Timing.Rounds(1, () => { for (int i = 0; i < StepsPerRound; i++) trunkBackward(); })[0] / StepsPerRound);
            }
            double ew = Timing.Median(times[0]);
            shares[tasks] = (ew, Timing.Median(trunkTimes));
            for (int s = 0; s < models.Length; s++)
            {
                double ratio = Timing.Median(times[s].Zip(times[0], (a, b) => a / b));
                rows[(Strategies[s].Name, tasks)] = (ratio, Timing.Median(times[s]), TransientMemory(models[s].Steps));
            }
            foreach (var m in models)
                m.Model.Dispose();
            GC.Collect();
        }

        Console.WriteLine($"   {"T",-22}" + string.Concat(counts.Select(t => $"{t,16}")));
        Console.WriteLine($"   {"EW ms/step",-22}" + string.Concat(counts.Select(t => $"{shares[t].Ew,16:F2}")));
        Console.WriteLine($"   {"trunk backward ms",-22}" + string.Concat(counts.Select(t => $"{shares[t].Trunk,16:F2}")));
        Console.WriteLine($"   {"s = trunk bwd / EW",-22}" + string.Concat(counts.Select(t => $"{shares[t].Trunk / shares[t].Ew,16:F3}")));
        Console.WriteLine($"   {"bound 1 + T·s",-22}" + string.Concat(counts.Select(t => $"{1 + t * shares[t].Trunk / shares[t].Ew,16:F2}")));
        Console.WriteLine($"   {"strategy: × EW (MiB)",-22}");
        foreach (var (name, _, gradient) in Strategies)
        {
            Console.WriteLine($"   {name,-22}" + string.Concat(counts.Select(t =>
            {
                var (ratio, _, memory) = rows[(name, t)];
                double bound = name.EndsWith("(repr.)", StringComparison.Ordinal) ? 1.5 : 1 + t * shares[t].Trunk / shares[t].Ew;
                string mark = gradient && ratio > bound ? "!" : " ";
                return string.Create(CultureInfo.InvariantCulture, $"{ratio,8:F2}{mark}({memory,5:F0})");
            })));
        }
        Console.WriteLine("   (! = above the bound)");
        Console.WriteLine($"   load average at the end {ProcessMemory.LoadAverage()}");
    }

    private sealed record Prepared(nn.Module Model, Action Steps);

    private static Prepared Prepare(int tasks, Func<LossWeighting> create)
    {
        Reproducibility.Seed(3);
        var images = randn(BatchSize, 1, 32, 32);
        var labels = Enumerable.Range(0, tasks).Select(_ => randint(0, 4, [BatchSize], dtype: int64)).ToArray();
        Reproducibility.Seed(4);
        // Epoch 1 for every step: DWA weighs by epoch means and needs to know the epoch (Fit passes it).
        var options = new TrainStepOptions { Epoch = 1 };
        (nn.Module, Action) pair = tasks switch
        {
            2 => Make(new Scaling2 { LossWeighting = create() }, Scaling2.MakeBatch(images, labels), (m, b, o) => m.TrainStep(b, o, options)),
            4 => Make(new Scaling4 { LossWeighting = create() }, Scaling4.MakeBatch(images, labels), (m, b, o) => m.TrainStep(b, o, options)),
            8 => Make(new Scaling8 { LossWeighting = create() }, Scaling8.MakeBatch(images, labels), (m, b, o) => m.TrainStep(b, o, options)),
            16 => Make(new Scaling16 { LossWeighting = create() }, Scaling16.MakeBatch(images, labels), (m, b, o) => m.TrainStep(b, o, options)),
            32 => Make(new Scaling32 { LossWeighting = create() }, Scaling32.MakeBatch(images, labels), (m, b, o) => m.TrainStep(b, o, options)),
            _ => throw new ArgumentException($"No scaling model with {tasks} tasks: use 2, 4, 8, 16 or 32."),
        };
        var (model, step) = pair;
        for (int i = 0; i < 3; i++)
            step(); // warm-up
        return new Prepared(model, () => { for (int i = 0; i < StepsPerRound; i++) step(); });
    }

    private static (nn.Module, Action) Make<TModel, TBatch>(TModel model, TBatch batch, Action<TModel, TBatch, optim.Optimizer> step)
        where TModel : nn.Module
    {
        // The strategy is attached before the optimizer is created, so learnable strategies' parameters are trained.
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        return (model, () => step(model, batch, optimizer));
    }

    /// <summary>
    /// One backward pass through the trunk alone (from its output, graph retained): the unit of the cost model. On a
    /// trunk of its own: the models' optimizers update theirs in place, which a retained graph must not see.
    /// </summary>
    private static Action TrunkBackward()
    {
        var trunk = ScalingLayers.Trunk();
        trunk.train();
        var images = randn(BatchSize, 1, 32, 32);
        var features = trunk.call(images);
        var g = randn_like(features);
        return () =>
        {
            using var scope = NewDisposeScope();
            autograd.backward([features], [g], retain_graph: true);
        };
    }

    private static double TransientMemory(Action steps)
    {
        GC.Collect();
        double before = ProcessMemory.ResidentMiB();
        if (!ProcessMemory.ResetPeak())
            return double.NaN;
        steps();
        return ProcessMemory.PeakResidentMiB() - before;
    }
}
