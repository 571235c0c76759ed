using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// <c>pytorch layers</c>: where the time of a training step goes, C# (TorchSharp, libtorch 2.10) against PyTorch 1.13,
/// for MultiLeNet and the SceneNet model. Part 1 times every layer, loss and the optimizer on both sides
/// (<see cref="LayerProfile"/> and benchmarks/pytorch/layers.py), rounds alternating C#/Python. Part 2 times whole
/// steps, alternating four variants round by round: the generated <c>TrainStep</c>, the same with
/// <c>CheckFinite = false</c> (the cost of the checks), the hand-written TorchSharp step on the same layers, and the
/// PyTorch step; with the minor page faults per step of each (fresh pages: the allocator's share).
/// </summary>
internal static class LayerTable
{
    private const int LayerRounds = 7, LayerReps = 10, StepRounds = 11, WarmUpSteps = 10;

    public static int Run(int threads, PyTorchPeer peer)
    {
        torch.set_num_threads(threads);
        Console.WriteLine($"== layer table: C# (TorchSharp) vs PyTorch, {threads} intra-op threads each, load average {ProcessMemory.LoadAverage()} (1, 5, 15 min)");
        foreach (var (title, name, profile, steps, perRound) in new (string, string, Func<LayerProfile>, Func<StepVariants>, int)[]
        {
            ("MultiLeNet, batch 256", "multilenet", LayerProfile.MultiLeNet, StepVariants.MultiLeNet, 10),
            ("SceneNet model, batch 32", "scenenet", LayerProfile.SceneNet, StepVariants.SceneNet, 10),
        })
        {
            Console.WriteLine();
            Console.WriteLine($"-- {title}: layers (median of {LayerRounds} alternating rounds, each the median of {LayerReps} calls), ms");
            LayersPart(name, profile(), peer);
            Console.WriteLine($"-- {title}: whole steps (median of {StepRounds} rounds × {perRound} steps, variants alternating), ms");
            StepsPart(name, steps(), peer, perRound);
        }
        Console.WriteLine();
        Console.WriteLine($"load average at the end {ProcessMemory.LoadAverage()}");
        return 0;
    }

    private static void LayersPart(string model, LayerProfile profile, PyTorchPeer peer)
    {
        var csharp = new List<Dictionary<string, (string Kind, double Forward, double Backward)>>();
        var python = new List<Dictionary<string, (string Kind, double Forward, double Backward)>>();
        profile.Round(2); // warm-up
        peer.Layers(model, 2);
        for (int r = 0; r < LayerRounds; r++)
        {
            csharp.Add(profile.Round(LayerReps));
            python.Add(Parse(peer.Layers(model, LayerReps)));
        }
        Console.WriteLine($"   {"layer",-10} {"type",-18} {"C# fwd",8} {"Py fwd",8} {"ratio",6}   {"C# bwd",8} {"Py bwd",8} {"ratio",6}   {"C# f+b",8} {"Py f+b",8} {"ratio",6}");
        double csTotal = 0, pyTotal = 0;
        foreach (var key in csharp[0].Keys)
        {
            double cf = Timing.Median(csharp.Select(d => d[key].Forward)), pf = Timing.Median(python.Select(d => d[key].Forward));
            double cb = Timing.Median(csharp.Select(d => d[key].Backward)), pb = Timing.Median(python.Select(d => d[key].Backward));
            csTotal += cf + cb;
            pyTotal += pf + pb;
            Console.WriteLine($"   {key,-10} {csharp[0][key].Kind + " / " + python[0][key].Kind,-18} {cf,8:F3} {pf,8:F3} {Ratio(cf, pf),6} {cb,8:F3} {pb,8:F3} {Ratio(cb, pb),6}   {cf + cb,8:F3} {pf + pb,8:F3} {Ratio(cf + cb, pf + pb),6}");
        }
        Console.WriteLine($"   {"sum",-29} {"",8} {"",8} {"",6} {"",8} {"",8} {"",6}   {csTotal,8:F3} {pyTotal,8:F3} {Ratio(csTotal, pyTotal),6}");
    }

    private static string Ratio(double a, double b) => b < 0.0005 ? "" : (a / b).ToString("F2", CultureInfo.InvariantCulture);

    private static Dictionary<string, (string Kind, double Forward, double Backward)> Parse(string json)
    {
        var rows = new Dictionary<string, (string, double, double)>();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var values = property.Value.EnumerateArray().ToArray();
            rows[property.Name] = (values[0].GetString()!, values[1].GetDouble(), values[2].GetDouble());
        }
        return rows;
    }

    private static void StepsPart(string model, StepVariants variants, PyTorchPeer peer, int perRound)
    {
        Console.WriteLine($"   peer: {peer.Setup(model, "ew")}");
        var names = new[] { "generated TrainStep", "generated, CheckFinite = false", "hand-written TorchSharp", "PyTorch eager" };
        var times = names.Select(_ => new List<double>()).ToArray();
        var faults = names.Select(_ => new List<double>()).ToArray();
        Action[] steps = [variants.Generated, variants.GeneratedUnchecked, variants.HandWritten];
        foreach (var step in steps)
            for (int i = 0; i < WarmUpSteps; i++)
                step();
        for (int r = 0; r < StepRounds; r++)
        {
            for (int v = 0; v < steps.Length; v++)
            {
                long before = ProcessMemory.MinorFaults();
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                for (int s = 0; s < perRound; s++)
                    steps[v]();
                times[v].Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds / perRound);
                faults[v].Add((ProcessMemory.MinorFaults() - before) / (double)perRound);
            }
            var (ms, pyFaults) = peer.RunWithFaults(perRound);
            times[3].Add(ms / perRound);
            faults[3].Add(pyFaults / (double)perRound);
        }
        var reference = times[3];
        var hand = times[2];
        Console.WriteLine($"   {"variant",-32} {"median",8} {"min",8} {"max",8} {"× PyTorch",10} {"× hand",7} {"faults/step",12}");
        for (int v = 0; v < names.Length; v++)
        {
            var versusPython = times[v].Zip(reference, (a, b) => a / b).ToArray();
            var versusHand = times[v].Zip(hand, (a, b) => a / b).ToArray();
            Console.WriteLine($"   {names[v],-32} {Timing.Median(times[v]),8:F3} {times[v].Min(),8:F3} {times[v].Max(),8:F3} {Timing.Median(versusPython),10:F3} {Timing.Median(versusHand),7:F3} {Timing.Median(faults[v]),12:F0}");
        }
        Console.WriteLine("   (× columns: median of the per-round ratios)");
    }

    /// <summary>The three C# steps of one model on one fixed batch.</summary>
    private sealed record StepVariants(Action Generated, Action GeneratedUnchecked, Action HandWritten)
    {
        public static StepVariants MultiLeNet()
        {
            Reproducibility.Seed(1);
            var images = randn(256, 1, 28, 28);
            var left = randint(0, 10, [256], dtype: int64);
            var right = randint(0, 10, [256], dtype: int64);
            var batch = new FashionLeNet.Batch(images, new FashionLeNet.Targets(Left: left, Right: right));
            var generated = new FashionLeNet();
            var generatedOptimizer = optim.Adam(generated.parameters(), lr: 1e-3);
            var unchecked_ = new FashionLeNet();
            var uncheckedOptimizer = optim.Adam(unchecked_.parameters(), lr: 1e-3);
            var noChecks = new TrainStepOptions { CheckFinite = false };
            var hand = HandWrittenTwoHeads.MultiLeNet();
            var handOptimizer = optim.Adam(hand.parameters(), lr: 1e-3);
            return new(() => generated.TrainStep(batch, generatedOptimizer),
                () => unchecked_.TrainStep(batch, uncheckedOptimizer, noChecks),
                () => hand.TrainStep(images, left, right, handOptimizer));
        }

        public static StepVariants SceneNet()
        {
            Reproducibility.Seed(1);
            var images = randn(32, 1, 32, 32);
            var classes = randint(0, 4, [32], dtype: int64);
            var masks = randint(0, 2, [32, 32, 32], dtype: int64);
            var batch = new SceneComparisonModel.Batch(images, new SceneComparisonModel.Targets(Shape: classes, Mask: masks));
            var generated = new SceneComparisonModel();
            var generatedOptimizer = optim.Adam(generated.parameters(), lr: 1e-3);
            var unchecked_ = new SceneComparisonModel();
            var uncheckedOptimizer = optim.Adam(unchecked_.parameters(), lr: 1e-3);
            var noChecks = new TrainStepOptions { CheckFinite = false };
            var hand = HandWrittenTwoHeads.SceneNet();
            var handOptimizer = optim.Adam(hand.parameters(), lr: 1e-3);
            return new(() => generated.TrainStep(batch, generatedOptimizer),
                () => unchecked_.TrainStep(batch, uncheckedOptimizer, noChecks),
                () => hand.TrainStep(images, classes, masks, handOptimizer));
        }
    }
}
