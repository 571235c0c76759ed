using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// <c>pytorch settings</c>: the libtorch settings that differ between the two sides, each measured on the whole
/// training step of both models against the default, rounds alternating (default, setting, default, setting …).
/// In-process switches (oneDNN for convolutions on or off, flush denormals to zero) are flipped between rounds in
/// the same process on each side; environment settings (OpenMP wait policy, oneDNN's instruction set) need a fresh
/// process, so each C# round of those runs in a child process (<c>step-probe</c>) and the Python side keeps one peer
/// per environment.
/// </summary>
internal static class SettingsTable
{
    private const int Rounds = 7, StepsPerRound = 10, WarmUpSteps = 5;

    private static readonly (string Title, string Peer)[] Models = [("MultiLeNet, batch 256", "multilenet"), ("SceneNet model, batch 32", "scenenet")];

    public static int Run(int threads, string script)
    {
        torch.set_num_threads(threads);
        Console.WriteLine($"== libtorch settings: whole training step against the default, {threads} intra-op threads, load average {ProcessMemory.LoadAverage()} (1, 5, 15 min)");
        Console.WriteLine($"   C#: generated TrainStep (TorchSharp, libtorch {torch.__version__}); PyTorch: peer.py's ew step; ratio = median of per-round setting/default ratios");
        using (var peer = PyTorchPeer.Start(script, threads))
        {
            foreach (var (title, model) in Models)
            {
                Console.WriteLine();
                Console.WriteLine($"-- {title}");
                Console.WriteLine($"   peer: {peer.Setup(model, "ew")}");
                var step = Step(model);
                for (int i = 0; i < WarmUpSteps; i++)
                    step();
                if (LibTorchContext.Available)
                {
                    InProcess("oneDNN off for convolutions", step, peer,
                        on => LibTorchContext.SetOneDnnEnabled(!on), on => peer.Set("mkldnn", on ? "0" : "1"));
                    InProcess("flush denormals to zero", step, peer,
                        on => LibTorchContext.SetFlushDenormal(on), on => peer.Set("flush_denormal", on ? "1" : "0"));
                }
                else
                {
                    Console.WriteLine("   (libtorch's C++ switches are not reachable on this platform: in-process settings skipped)");
                }
            }
        }
        foreach (var (name, variable, value) in new[]
        {
            ("OMP_WAIT_POLICY=PASSIVE (both)", "OMP_WAIT_POLICY", "PASSIVE"),
            ("ONEDNN_MAX_CPU_ISA=ALL (C#; the peer never limits it)", "ONEDNN_MAX_CPU_ISA", "ALL"),
        })
        {
            foreach (var (title, model) in Models)
            {
                Console.WriteLine();
                Console.WriteLine($"-- {title}: {name}, one process per C# round");
                InChildProcesses(model, threads, script, variable, value);
            }
        }
        Console.WriteLine();
        Console.WriteLine($"load average at the end {ProcessMemory.LoadAverage()}");
        return 0;
    }

    /// <summary>Entry point of the child process: warm up, time <paramref name="steps"/> generated steps, print "ms X".</summary>
    public static int RunProbe(string model, int steps, int threads)
    {
        torch.set_num_threads(threads);
        var step = Step(model);
        for (int i = 0; i < WarmUpSteps; i++)
            step();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
            step();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms {Stopwatch.GetElapsedTime(start).TotalMilliseconds / steps:F4}"));
        return 0;
    }

    private static void InProcess(string name, Action step, PyTorchPeer peer, Action<bool> csharp, Action<bool> python)
    {
        var cs = new[] { new List<double>(), new List<double>() };
        var py = new[] { new List<double>(), new List<double>() };
        for (int r = 0; r < Rounds; r++)
        {
            for (int on = 0; on < 2; on++)
            {
                csharp(on == 1);
                step(); // the first step after a switch may pick new kernels
                cs[on].Add(Timing.Rounds(1, () => { for (int s = 0; s < StepsPerRound; s++) step(); })[0] / StepsPerRound);
                python(on == 1);
                peer.Run(1);
                py[on].Add(peer.Run(StepsPerRound) / StepsPerRound);
            }
        }
        csharp(false);
        python(false);
        Report(name, cs, py);
    }

    private static void InChildProcesses(string model, int threads, string script, string variable, string value)
    {
        var cs = new[] { new List<double>(), new List<double>() };
        var py = new[] { new List<double>(), new List<double>() };
        bool pythonToo = variable.StartsWith("OMP_", StringComparison.Ordinal);
        using var defaultPeer = pythonToo ? PyTorchPeer.Start(script, threads) : null;
        using var settingPeer = pythonToo ? PyTorchPeer.Start(script, threads, new Dictionary<string, string> { [variable] = value }) : null;
        defaultPeer?.Setup(model, "ew");
        settingPeer?.Setup(model, "ew");
        for (int r = 0; r < Rounds; r++)
        {
            for (int on = 0; on < 2; on++)
            {
                cs[on].Add(Probe(model, threads, on == 1 ? (variable, value) : null));
                if ((on == 1 ? settingPeer : defaultPeer) is { } peer)
                    py[on].Add(peer.Run(StepsPerRound) / StepsPerRound);
            }
        }
        Report($"{variable}={value}", cs, pythonToo ? py : null);
    }

    private static double Probe(string model, int threads, (string Name, string Value)? environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
            start.ArgumentList.Add(typeof(SettingsTable).Assembly.Location);
        foreach (var argument in new[] { "step-probe", model, StepsPerRound.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        if (environment is { } e)
            start.Environment[e.Name] = e.Value;
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n').Last();
        process.WaitForExit();
        return double.Parse(line.AsSpan(3), CultureInfo.InvariantCulture);
    }

    private static void Report(string name, List<double>[] cs, List<double>[]? py)
    {
        static string Line(List<double>[] t)
        {
            var ratios = t[1].Zip(t[0], (a, b) => a / b).ToArray();
            return string.Create(CultureInfo.InvariantCulture,
                $"default {Timing.Median(t[0]),8:F3} ms, with it {Timing.Median(t[1]),8:F3} ms, ratio {Timing.Median(ratios):F3} (min {ratios.Min():F3}, max {ratios.Max():F3})");
        }
        Console.WriteLine($"   {name}");
        Console.WriteLine($"     C#      {Line(cs)}");
        if (py is not null)
            Console.WriteLine($"     PyTorch {Line(py)}");
    }

    private static Action Step(string model)
    {
        Reproducibility.Seed(1);
        if (model == "multilenet")
        {
            var m = new FashionLeNet();
            var optimizer = optim.Adam(m.parameters(), lr: 1e-3);
            var batch = new FashionLeNet.Batch(randn(256, 1, 28, 28),
                new FashionLeNet.Targets(Left: randint(0, 10, [256], dtype: int64), Right: randint(0, 10, [256], dtype: int64)));
            return () => m.TrainStep(batch, optimizer);
        }
        var s = new SceneComparisonModel();
        var sceneOptimizer = optim.Adam(s.parameters(), lr: 1e-3);
        var sceneBatch = new SceneComparisonModel.Batch(randn(32, 1, 32, 32),
            new SceneComparisonModel.Targets(Shape: randint(0, 4, [32], dtype: int64), Mask: randint(0, 2, [32, 32, 32], dtype: int64)));
        return () => s.TrainStep(sceneBatch, sceneOptimizer);
    }
}
