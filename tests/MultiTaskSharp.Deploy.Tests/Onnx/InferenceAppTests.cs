using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using MultiTaskSharp.Export;
using SceneNet;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace MultiTaskSharp.Deploy.Tests.Onnx;

/// <summary>
/// samples/Deploy/Inference, the inference-only app (no TorchSharp backend), run as its own process on an exported
/// SceneModel: it matches TorchSharp's outputs, never maps libtorch, ships none, and fails when the outputs differ.
/// </summary>
public sealed class InferenceAppTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mts-inference-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string App => typeof(InferenceAppTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "InferenceApp").Value!;

    [Fact]
    public void The_app_ships_no_libtorch()
    {
        var files = Directory.EnumerateFiles(Path.GetDirectoryName(App)!, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("Inference.dll", files);
        Assert.Contains(files, f => f!.StartsWith("libonnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f!.StartsWith("libtorch", StringComparison.Ordinal) || f!.StartsWith("libc10", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_reproduces_torchsharp_without_loading_libtorch()
    {
        var (onnx, reference) = Prepare(offset: 0);
        var (code, output) = Run(onnx, reference);
        Assert.True(code == 0, output);
        Assert.Contains("libtorch: not loaded", output);
        Assert.Contains("ONNX Runtime matches TorchSharp", output);
    }

    [Fact]
    public void The_app_fails_when_the_outputs_differ()
    {
        var (onnx, reference) = Prepare(offset: 1e-3f); // TorchSharp's saved logits moved by 1e-3
        var (code, output) = Run(onnx, reference);
        Assert.Equal(1, code);
        Assert.Contains("TOO LARGE", output);
    }

    private (string Onnx, string Reference) Prepare(float offset)
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var model = new SceneModel();
        string onnx = Path.Combine(folder, "SceneModel.onnx");
        OnnxExport.Save(model, onnx, new OnnxExportOptions { Predictions = true });
        model.eval();
        var entries = new Dictionary<string, Tensor>();
        using (no_grad())
        {
            foreach (int batch in new[] { 1, 256 })
            {
                var input = randn(batch, 1, 32, 32);
                var outputs = model.forward(input);
                var predictions = model.Predict(input);
                entries[$"input.{batch}"] = input;
                entries[$"Shape.{batch}"] = outputs.Shape + offset;
                entries[$"Mask.{batch}"] = outputs.Mask.contiguous();
                entries[$"Shape.class.{batch}"] = predictions.Shape.Class;
                entries[$"Mask.class.{batch}"] = predictions.Mask.Class;
            }
        }
        string reference = Path.Combine(folder, "reference.safetensors");
        File.Delete(reference);
        Safetensors.SaveStateDict(reference, entries);
        return (onnx, reference);
    }

    private static (int Code, string Output) Run(string onnx, string reference)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { App, onnx, reference, "--rounds", "0" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the inference app did not finish in 2 minutes:\n" + output);
        }
        return (process.ExitCode, output + stderr.Result);
    }
}
