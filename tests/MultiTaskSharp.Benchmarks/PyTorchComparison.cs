using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// The generated training step against the same step written by hand in PyTorch (benchmarks/pytorch/peer.py),
/// for MultiLeNet (batch 256) and the main sample's SceneNet model (batch 32), Adam, 2 intra-op threads each.
/// Rounds alternate (C# round, Python round, …) so both sides see the same machine noise; the figures are
/// the median time per step of each and the median of the per-round ratios.
/// </summary>
internal static class PyTorchComparison
{
    /// <summary>The brief's setting; <c>pytorch --threads N</c> overrides it (1 is robust on a busy machine).</summary>
    private const int DefaultThreads = 2;
    private const int Rounds = 15;
    private const int WarmUpSteps = 10;

    /// <summary>One model of the comparison: how to build the C# steps and what the peer calls it.</summary>
    private sealed record Case(string Title, string PeerModel, int StepsPerRound, Func<Action> FixedWeightsStep, Func<Action> GradientStrategyStep);

    public static int Run(int threads = DefaultThreads)
    {
        var script = PyTorchPeer.FindScript();
        if (script is null)
        {
            Console.Error.WriteLine("benchmarks/pytorch/peer.py was not found above the benchmark's output directory.");
            return 2;
        }
        torch.set_num_threads(threads);
        Console.WriteLine($"== training step: generated C# (TorchSharp, libtorch) vs hand-written PyTorch ({PyTorchPeer.Python} {script})");
        Console.WriteLine($"   {threads} intra-op threads each (C# torch.get_num_threads() = {torch.get_num_threads()}), Adam, one fixed batch, {Rounds} interleaved rounds");

        Case[] cases =
        [
            new("MultiLeNet, batch 256", "multilenet", 10, MultiLeNetStep, MultiLeNetGradientStrategyStep),
            new("SceneNet model, batch 32", "scenenet", 5, SceneStep, SceneGradientStrategyStep),
        ];
        using var peer = PyTorchPeer.Start(script, threads);
        foreach (var c in cases)
        {
            Console.WriteLine();
            Console.WriteLine($"-- {c.Title}, fixed weights (one backward)");
            Console.WriteLine($"   peer: {peer.Setup(c.PeerModel, "ew")}");
            var fixedWeights = c.FixedWeightsStep();
            var (csharp, python) = Interleave(fixedWeights, peer, c.StepsPerRound);
            Report(csharp, python);
            double csharpFixedMedian = Timing.Median(csharp);
            double pythonFixedMedian = Timing.Median(python);

            Console.WriteLine($"-- {c.Title}, PCGrad (one autograd.grad per task over the shared trunk)");
            Console.WriteLine($"   peer: {peer.Setup(c.PeerModel, "pcgrad")}");
            var gradientStep = c.GradientStrategyStep();
            var (csharpPcgrad, pythonPcgrad) = Interleave(gradientStep, peer, c.StepsPerRound);
            Report(csharpPcgrad, pythonPcgrad);
            Console.WriteLine($"   PCGrad / fixed-weights step: C# {Timing.Median(csharpPcgrad) / csharpFixedMedian:F2} ×, PyTorch {Timing.Median(pythonPcgrad) / pythonFixedMedian:F2} ×");
        }
        return 0;
    }

    // ---- C# steps: the generated TrainStep on one fixed batch, as the peer does.

    private static Action MultiLeNetStep()
    {
        Reproducibility.Seed(1);
        var model = new FashionLeNet();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var batch = new FashionLeNet.Batch(torch.randn(256, 1, 28, 28),
            new FashionLeNet.Targets(Left: torch.randint(0, 10, [256], dtype: int64), Right: torch.randint(0, 10, [256], dtype: int64)));
        return () => model.TrainStep(batch, optimizer);
    }

    private static Action SceneStep()
    {
        Reproducibility.Seed(1);
        var model = new SceneComparisonModel();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var batch = new SceneComparisonModel.Batch(torch.randn(32, 1, 32, 32),
            new SceneComparisonModel.Targets(Shape: torch.randint(0, 4, [32], dtype: int64), Mask: torch.randint(0, 2, [32, 32, 32], dtype: int64)));
        return () => model.TrainStep(batch, optimizer);
    }

    // The same models with the runtime's PCGrad (per-task gradients over the shared parameters, projections on the
    // device, the Gram matrix read once per step), against the peer's hand-written pcgrad_step.
    private static Action MultiLeNetGradientStrategyStep()
    {
        Reproducibility.Seed(1);
        var model = new FashionLeNet { LossWeighting = new PCGrad(seed: 1) };
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var batch = new FashionLeNet.Batch(torch.randn(256, 1, 28, 28),
            new FashionLeNet.Targets(Left: torch.randint(0, 10, [256], dtype: int64), Right: torch.randint(0, 10, [256], dtype: int64)));
        return () => model.TrainStep(batch, optimizer);
    }

    private static Action SceneGradientStrategyStep()
    {
        Reproducibility.Seed(1);
        var model = new SceneComparisonModel { LossWeighting = new PCGrad(seed: 1) };
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var batch = new SceneComparisonModel.Batch(torch.randn(32, 1, 32, 32),
            new SceneComparisonModel.Targets(Shape: torch.randint(0, 4, [32], dtype: int64), Mask: torch.randint(0, 2, [32, 32, 32], dtype: int64)));
        return () => model.TrainStep(batch, optimizer);
    }

    // ---- Timing

    private static (double[] CSharp, double[] Python) Interleave(Action step, PyTorchPeer peer, int stepsPerRound)
    {
        for (int i = 0; i < WarmUpSteps; i++)
            step();
        var csharp = new double[Rounds];
        var python = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            csharp[r] = Timing.Rounds(1, () => { for (int s = 0; s < stepsPerRound; s++) step(); })[0] / stepsPerRound;
            python[r] = peer.Run(stepsPerRound) / stepsPerRound;
        }
        return (csharp, python);
    }

    private static void Report((double[] CSharp, double[] Python) times) => Report(times.CSharp, times.Python);

    private static void Report(double[] csharp, double[] python)
    {
        var ratios = csharp.Zip(python, (c, p) => c / p).ToArray();
        Console.WriteLine($"   C# generated step median {Timing.Median(csharp),8:F3} ms  (min {csharp.Min():F3}, max {csharp.Max():F3})");
        Console.WriteLine($"   PyTorch step      median {Timing.Median(python),8:F3} ms  (min {python.Min():F3}, max {python.Max():F3})");
        Console.WriteLine($"   ratio C# / PyTorch: median of rounds {Timing.Median(ratios):F3} (min {ratios.Min():F3}, max {ratios.Max():F3})");
    }
}
