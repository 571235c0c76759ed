using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiTaskSharp.Onnx;
using SceneNet;

namespace Deploy.Inference;

/// <summary>
/// Runs an exported SceneModel through its generated ONNX predictor, compares every output with the TorchSharp outputs
/// the training app saved, and times batch 1 and batch 256. Exit code 1 when an output differs beyond 1e-5 (scaled by
/// the output's magnitude) or a prediction disagrees; 2 when libtorch was loaded into this process.
/// </summary>
internal static class Program
{
    private const double Tolerance = 1e-5;

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Inference <model.onnx> <reference.safetensors> [--rounds N]");
            return 64;
        }
        int rounds = args.Length >= 4 && args[2] == "--rounds" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
        var reference = ReferenceFile.Read(args[1]);
        using var predictor = SceneModel.Onnx.Load(args[0]);
        Console.WriteLine($"ONNX Runtime predictor: {predictor.Source} ({(predictor.HasDecodedOutputs ? "predictions decoded in the graph" : "raw outputs, decoded by the predictor")})");

        bool same = true;
        foreach (int batch in new[] { 1, 256 })
        {
            var input = (OnnxTensor<float>)reference[$"input.{batch}"];
            var outputs = predictor.Run(input);
            same &= Compare($"Shape, batch {batch}", outputs.Shape, (OnnxTensor<float>)reference[$"Shape.{batch}"]);
            same &= Compare($"Mask, batch {batch}", outputs.Mask, (OnnxTensor<float>)reference[$"Mask.{batch}"]);
            var predictions = predictor.Predict(input);
            same &= Agree($"Shape class, batch {batch}", predictions.Shape.Class.Data, ((OnnxTensor<long>)reference[$"Shape.class.{batch}"]).Data);
            same &= Agree($"Mask class, batch {batch}", predictions.Mask.Class.Data, ((OnnxTensor<long>)reference[$"Mask.class.{batch}"]).Data);
        }

        foreach (int batch in rounds == 0 ? [] : new[] { 1, 256 })
        {
            var input = (OnnxTensor<float>)reference[$"input.{batch}"];
            double run = MedianMilliseconds(() => predictor.Run(input), batch == 1 ? rounds * 10 : rounds);
            double predict = MedianMilliseconds(() => predictor.Predict(input), batch == 1 ? rounds * 10 : rounds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency ONNX Runtime batch {batch,3}: forward {run,8:F3} ms   Predict {predict,8:F3} ms   (median, warm)"));
        }

        var libtorch = LoadedLibTorch();
        Console.WriteLine(libtorch.Count == 0
            ? "libtorch: not loaded, not shipped (this process mapped no libtorch*.so)"
            : $"libtorch WAS loaded: {string.Join(", ", libtorch)}");
        if (libtorch.Count > 0)
            return 2;
        Console.WriteLine(same ? $"ONNX Runtime matches TorchSharp within {Tolerance:0e0} (scaled)" : "ONNX Runtime DIFFERS from TorchSharp");
        return same ? 0 : 1;
    }

    /// <summary>Max |onnx − torch| over the output, scaled by max(1, max |torch|): float32 rounding grows with magnitude.</summary>
    private static bool Compare(string what, OnnxTensor<float> onnx, OnnxTensor<float> torch)
    {
        if (!onnx.Shape.SequenceEqual(torch.Shape))
        {
            Console.WriteLine($"{what}: shape {onnx.ShapeText} vs TorchSharp {torch.ShapeText}");
            return false;
        }
        double maxDiff = 0, magnitude = 0;
        for (int i = 0; i < onnx.Data.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)onnx.Data[i] - torch.Data[i]));
            magnitude = Math.Max(magnitude, Math.Abs((double)torch.Data[i]));
        }
        double scaled = maxDiff / Math.Max(1, magnitude);
        bool ok = scaled <= Tolerance && !double.IsNaN(maxDiff);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |ONNX Runtime - TorchSharp| {what,-22}: {maxDiff:0.000e0} (scaled {scaled:0.000e0}) {(ok ? "ok" : "TOO LARGE")}"));
        return ok;
    }

    private static bool Agree(string what, long[] onnx, long[] torch)
    {
        int differing = onnx.Zip(torch).Count(p => p.First != p.Second);
        Console.WriteLine($"{what,-22}: {onnx.Length - differing}/{onnx.Length} equal to TorchSharp's Predict");
        // An argmax may flip where two logits tie within float32 rounding; anything more is a real difference.
        return onnx.Length == torch.Length && differing <= Math.Max(1, onnx.Length / 10000);
    }

    private static double MedianMilliseconds(Action action, int rounds)
    {
        for (int i = 0; i < 3; i++)
            action();
        var times = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[rounds / 2];
    }

    /// <summary>The libtorch libraries mapped into this process (Linux: /proc/self/maps), to prove none is.</summary>
    private static List<string> LoadedLibTorch()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return [];
        return File.ReadLines(maps)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => Path.GetFileName(path).StartsWith("libtorch", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("libc10", StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }
}
