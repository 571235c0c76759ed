using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Deploy.Topologies;
using MultiTaskSharp;
using MultiTaskSharp.Export;
using SceneNet;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Deploy;

/// <summary>
/// Train → export → run without libtorch. Trains SceneNet's model briefly, exports it to ONNX (with and without the
/// decoded predictions) and one untrained model per topology, saves its weights for PyTorch, times TorchSharp's
/// eval forward, and starts the inference-only app on the ONNX file; exits with that app's code (non-zero when ONNX
/// Runtime's outputs differ from TorchSharp's beyond 1e-5, scaled).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var options = DeployOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: Deploy [--out DIR] [--epochs N] [--rounds N] [--inference PATH/Inference.dll]");
            return 64;
        }
        Directory.CreateDirectory(options.Out);
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));

        using var model = Train(options.Epochs);

        string onnx = Path.Combine(options.Out, "SceneModel.onnx");
        string raw = Path.Combine(options.Out, "SceneModel.raw.onnx");
        OnnxExport.Save(model, onnx, new OnnxExportOptions { Predictions = true });
        OnnxExport.Save(model, raw);
        model.SaveStateDict(Path.Combine(options.Out, "SceneModel.pt"));
        model.SaveSafetensors(Path.Combine(options.Out, "SceneModel.safetensors"));
        Console.WriteLine($"exported {onnx} (with predictions) and {raw}; weights SceneModel.pt and SceneModel.safetensors");
        ExportTopologies(Path.Combine(options.Out, "topologies"));

        string reference = WriteReference(model, options.Out);
        TimeTorchSharp(model, options.Rounds);

        int code = RunInference(options.Inference, onnx, reference, options.Rounds);
        if (code == 0)
            code = RunInference(options.Inference, raw, reference, rounds: 0); // the predictor decodes raw logits itself
        Console.WriteLine(code == 0 ? "deploy check passed" : $"deploy check FAILED (inference app exit code {code})");
        return code;
    }

    /// <summary>A few epochs of SceneNet's model on its synthetic scenes: enough that the weights are not the initial ones.</summary>
    private static SceneModel Train(int epochs)
    {
        manual_seed(1);
        var model = new SceneModel();
        using var set = ShapeScenes.Generate(1024, new Random(1));
        var all = new SceneModel.Batch(set.Images, new SceneModel.Targets(set.Labels, set.Masks));
        var batches = new TensorBatches<SceneModel.Batch>(all, 64, shuffle: true, seed: 1);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var clock = Stopwatch.StartNew();
        var history = Trainer.Fit(model, batches, optimizer, new FitOptions { Epochs = epochs });
        var last = history.Last;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained SceneModel for {epochs} epoch(s) on 1024 scenes in {clock.Elapsed.TotalSeconds:F1} s: loss {last.Train.Total:F4} (Shape {last.Train.Shape:F4}, Mask {last.Train.Mask:F4})"));
        return model;
    }

    private static void ExportTopologies(string folder)
    {
        Directory.CreateDirectory(folder);
        manual_seed(2);
        var models = new (string Name, nn.Module Model)[]
        {
            ("HardSharing", new HardSharingModel()), ("Stems", new StemsModel()), ("Towers", new TowersModel()),
            ("SoftSharing", new SoftSharingModel()), ("Connections", new ConnectionsModel()), ("CrossStitch", new CrossStitchModel()),
            ("Mmoe", new MmoeModel()), ("Cgc", new CgcModel()), ("Ple", new PleModel()),
        };
        foreach (var (name, module) in models)
        {
            using (module)
                OnnxExport.Save(module, Path.Combine(folder, name + ".onnx"), new OnnxExportOptions { Predictions = true });
        }
        Console.WriteLine($"exported {models.Length} topology models to {folder}: {string.Join(", ", models.Select(m => m.Name + ".onnx"))}");
    }

    /// <summary>
    /// Inputs (batch 1 and 256) with TorchSharp's eval-mode outputs and predicted classes, as safetensors (read by the
    /// inference app) and as a PyTorch state_dict-style file (read by benchmarks/pytorch/load_weights.py).
    /// </summary>
    private static string WriteReference(SceneModel model, string folder)
    {
        using var scope = NewDisposeScope();
        using var set = ShapeScenes.Generate(256, new Random(2));
        var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        model.eval();
        using (no_grad())
        {
            foreach (int batch in new[] { 1, 256 })
            {
                var input = set.Images[..batch].contiguous();
                var outputs = model.forward(input);
                var predictions = model.Predict(input);
                entries[$"input.{batch}"] = input;
                entries[$"Shape.{batch}"] = outputs.Shape.contiguous();
                entries[$"Mask.{batch}"] = outputs.Mask.contiguous();
                entries[$"Shape.class.{batch}"] = predictions.Shape.Class.contiguous();
                entries[$"Mask.class.{batch}"] = predictions.Mask.Class.contiguous();
            }
        }
        string safetensors = Path.Combine(folder, "reference.safetensors");
        File.Delete(safetensors); // PyBridge opens the path for writing without truncating it
        Safetensors.SaveStateDict(safetensors, entries);
        PyTorchPickler.PickleStateDict(Path.Combine(folder, "reference.pt"), entries);
        return safetensors;
    }

    private static void TimeTorchSharp(SceneModel model, int rounds)
    {
        using var set = ShapeScenes.Generate(256, new Random(3));
        model.eval();
        foreach (int batch in new[] { 1, 256 })
        {
            using var input = set.Images[..batch].contiguous();
            double forward = Median(() =>
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                model.forward(input);
            }, batch == 1 ? rounds * 10 : rounds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency TorchSharp    batch {batch,3}: forward {forward,8:F3} ms   (median, warm, eval, no_grad)"));
        }
    }

    private static double Median(Action action, int rounds)
    {
        for (int i = 0; i < 3; i++)
            action();
        var times = new double[Math.Max(1, rounds)];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static int RunInference(string? app, string onnx, string reference, int rounds)
    {
        app ??= typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "InferenceApp").Value!;
        if (!File.Exists(app))
        {
            Console.Error.WriteLine($"The inference app is not at {app}: build samples/Deploy/Inference, or pass --inference PATH.");
            return 66;
        }
        Console.WriteLine();
        Console.WriteLine($"$ dotnet {Path.GetFileName(app)} {onnx} {reference} --rounds {rounds}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { app, onnx, reference, "--rounds", rounds.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>The sample's command line.</summary>
internal sealed record DeployOptions(string Out, int Epochs, int Rounds, string? Inference)
{
    public static DeployOptions? Parse(string[] args)
    {
        var options = new DeployOptions(Path.Combine(Environment.CurrentDirectory, "deploy-out"), Epochs: 2, Rounds: 30, Inference: null);
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null: options = options with { Out = Path.GetFullPath(value) }; i++; break;
                case "--epochs" when int.TryParse(value, out int epochs) && epochs > 0: options = options with { Epochs = epochs }; i++; break;
                case "--rounds" when int.TryParse(value, out int rounds) && rounds >= 0: options = options with { Rounds = rounds }; i++; break;
                case "--inference" when value is not null: options = options with { Inference = Path.GetFullPath(value) }; i++; break;
                default: return null;
            }
        }
        return options;
    }
}
