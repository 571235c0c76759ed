using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export;

/// <summary>
/// A model's weights as PyTorch reads and writes them: a <c>state_dict</c> file (<c>torch.save</c>/<c>torch.load</c>) or
/// safetensors, under the PyTorch-style names the module already registers (<c>backbone.0.weight</c>, …). The file
/// formats are TorchSharp.PyBridge's; what this adds is the check before loading: every name and shape, the first
/// difference named, and partial loads only when asked for.
/// </summary>
public static class PyTorchWeights
{
    /// <summary>Writes the model's parameters and buffers as a PyTorch <c>state_dict</c> file (load with <c>torch.load</c>).</summary>
    public static void SaveStateDict(this nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        WriteWhole(path, stream => model.save_py(stream, leaveOpen: true));
    }

    /// <summary>Writes the model's parameters and buffers as safetensors (load with <c>safetensors.torch.load_file</c>).</summary>
    public static void SaveSafetensors(this nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        WriteWhole(path, stream => model.save_safetensors(stream, leaveOpen: true));
    }

    /// <summary>
    /// Loads weights saved by <c>torch.save(model.state_dict(), path)</c> (or <see cref="SaveStateDict"/>). By default
    /// the file must hold exactly the model's weights, each with the same shape; <paramref name="only"/> loads a part.
    /// </summary>
    /// <exception cref="WeightsMismatchException">A weight is missing, unexpected or of another shape; nothing was loaded.</exception>
    public static void LoadStateDict(this nn.Module model, string path, WeightSelection? only = null)
        => Load(model, path, only ?? WeightSelection.All, ReadStateDict);

    /// <summary>Loads safetensors weights (from <see cref="SaveSafetensors"/> or <c>safetensors.torch.save_file</c>), checked as <see cref="LoadStateDict"/> is.</summary>
    /// <exception cref="WeightsMismatchException">A weight is missing, unexpected or of another shape; nothing was loaded.</exception>
    public static void LoadSafetensors(this nn.Module model, string path, WeightSelection? only = null)
        => Load(model, path, only ?? WeightSelection.All, ReadSafetensors);

    // Into a temporary file first, so a failed save never leaves a truncated file where a good one was.
    private static void WriteWhole(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string temporary = path + ".partial";
        try
        {
            using (var stream = File.Create(temporary))
                write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Load(nn.Module model, string path, WeightSelection only, Func<string, Dictionary<string, Tensor>> read)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No weights file at {path}.", path);
        using var scope = NewDisposeScope(); // the file's tensors die here; the model's are only copied into
        var file = read(path);
        var state = model.state_dict();
        Check(path, model.GetType().Name, state, file, only);
        using var noGrad = no_grad();
        foreach (var (name, target) in state)
        {
            if (only.Selects(name))
                target.copy_(file[name]);
        }
    }

    /// <summary>Every difference in the model's order (then the file's unexpected names, sorted); throws on the first.</summary>
    private static void Check(string path, string model, Dictionary<string, Tensor> state, Dictionary<string, Tensor> file, WeightSelection only)
    {
        var differences = new List<(string Name, WeightsMismatch Kind, string Detail)>();
        foreach (var (name, tensor) in state.Where(entry => only.Selects(entry.Key)))
        {
            if (!file.TryGetValue(name, out var saved))
                differences.Add((name, WeightsMismatch.Missing, $"the file has no weight '{name}' (shape {ShapeText(tensor)}), which the model has"));
            else if (!saved.shape.SequenceEqual(tensor.shape))
                differences.Add((name, WeightsMismatch.Shape, $"weight '{name}' has shape {ShapeText(saved)} in the file, expected {ShapeText(tensor)}"));
        }
        foreach (var name in file.Keys.Where(name => only.Selects(name) && !state.ContainsKey(name)).Order(StringComparer.Ordinal))
            differences.Add((name, WeightsMismatch.Unexpected, $"the file has weight '{name}', which the model does not have{(only.IsAll ? "" : $" under {only.Description}")}"));
        if (differences.Count > 0)
        {
            var (name, kind, detail) = differences[0];
            throw new WeightsMismatchException(path, model, name, kind, detail, differences.Count - 1);
        }
        if (!only.IsAll && !state.Keys.Any(only.Selects))
            throw new ArgumentException($"{only.Description} select none of {model}'s weights (its names start with: {string.Join(", ", state.Keys.Select(k => k.Split('.')[0]).Distinct())}).", nameof(only));
    }

    private static string ShapeText(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";

    private static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        using var stream = File.OpenRead(path);
        var table = PyTorchUnpickler.UnpickleStateDict(stream);
        var weights = new Dictionary<string, Tensor>(table.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string name && entry.Value is Tensor tensor)
                weights[name] = tensor;
            else
                throw new InvalidDataException($"{path} is not a state_dict of tensors: entry '{entry.Key}' holds {entry.Value?.GetType().Name ?? "null"}. Save model.state_dict(), not the model.");
        }
        return weights;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path) => Safetensors.LoadStateDict(path);
}
