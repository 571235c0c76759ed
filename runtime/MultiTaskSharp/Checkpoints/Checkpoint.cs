using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Saves and restores a model, optionally with its optimizer and the state of a training run, in one file: a zip
/// archive holding <c>model.bin</c> (TorchSharp's state format: parameters, buffers and the weighting strategy's
/// state), <c>optimizer.bin</c>, <c>checkpoint.json</c> and, for a run <c>Fit</c> can resume, <c>rng.bin</c> (the
/// CPU random generator) and <c>history.json</c>. Saving writes a temporary file next to the target and renames it
/// over the target only when complete, so a crash or a failed write never leaves a half-written checkpoint behind.
/// </summary>
public static class Checkpoint
{
    private const string ModelEntry = "model.bin";
    private const string OptimizerEntry = "optimizer.bin";
    private const string InfoEntry = "checkpoint.json";
    private const string RandomEntry = "rng.bin";
    private const string HistoryEntry = "history.json";
    private const int FormatVersion = 2;

    /// <summary>Saves <paramref name="model"/> and, when given, <paramref name="optimizer"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, torch.nn.Module model, torch.optim.Optimizer? optimizer = null, int? epoch = null)
        => Save(path, model, optimizer, epoch, historyJson: null);

    /// <summary>As <see cref="Save(string, torch.nn.Module, torch.optim.Optimizer?, int?)"/>, plus what resuming a fit needs.</summary>
    internal static void Save(string path, torch.nn.Module model, torch.optim.Optimizer? optimizer, int? epoch, string? historyJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                var info = new CheckpointInfo(FormatVersion, model.GetName(), optimizer is not null, epoch) { HasTrainingState = historyJson is not null };
                using (var entry = zip.CreateEntry(InfoEntry).Open())
                    JsonSerializer.Serialize(entry, info);
                using (var entry = zip.CreateEntry(ModelEntry, CompressionLevel.NoCompression).Open())
                    model.save(entry);
                if (optimizer is not null)
                {
                    using var entry = zip.CreateEntry(OptimizerEntry, CompressionLevel.NoCompression).Open();
                    using var writer = new BinaryWriter(entry);
                    StatefulOptimizer(optimizer).save_state_dict(writer);
                }
                if (historyJson is not null)
                {
                    using (var entry = zip.CreateEntry(HistoryEntry).Open())
                    using (var writer = new StreamWriter(entry))
                        writer.Write(historyJson);
                    using var state = torch.random.get_rng_state();
                    var bytes = state.data<byte>().ToArray();
                    using var random = zip.CreateEntry(RandomEntry, CompressionLevel.NoCompression).Open();
                    random.Write(bytes);
                }
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>
    /// Loads a checkpoint into <paramref name="model"/> (and <paramref name="optimizer"/> when given
    /// and saved). The model must have the declaration the checkpoint was saved from.
    /// </summary>
    public static CheckpointInfo Load(string path, torch.nn.Module model, torch.optim.Optimizer? optimizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        using var zip = Open(path, out var info);
        if (info.Model != model.GetName())
            throw new InvalidDataException($"'{path}' holds a '{info.Model}' model, not a '{model.GetName()}'.");

        // ZipArchive streams cannot seek; TorchSharp's loader reads through a seekable copy.
        using (var buffer = Copy(zip, ModelEntry, path))
            model.load(buffer);
        if (optimizer is not null && info.HasOptimizer)
        {
            using var buffer = Copy(zip, OptimizerEntry, path);
            using var reader = new BinaryReader(buffer);
            StatefulOptimizer(optimizer).load_state_dict(reader);
        }
        return info;
    }

    /// <summary>Restores the random generator and returns the history JSON a resumable checkpoint holds.</summary>
    internal static string LoadTrainingState(string path)
    {
        using var zip = Open(path, out var info);
        if (!info.HasTrainingState)
            throw new InvalidDataException($"'{path}' was not saved by Fit and holds no training state to resume; save checkpoints with FitOptions.Checkpoints.");
        using (var buffer = Copy(zip, RandomEntry, path))
        using (var state = torch.tensor(buffer.ToArray(), dtype: torch.ScalarType.Byte))
            torch.random.set_rng_state(state);
        using var history = Copy(zip, HistoryEntry, path);
        using var reader = new StreamReader(history);
        return reader.ReadToEnd();
    }

    private static ZipArchive Open(string path, out CheckpointInfo info)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        var zip = ZipFile.OpenRead(path);
        try
        {
            var infoEntry = zip.GetEntry(InfoEntry) ?? throw new InvalidDataException($"'{path}' is not a MultiTaskSharp checkpoint: it has no {InfoEntry}.");
            using (var stream = infoEntry.Open())
                info = JsonSerializer.Deserialize<CheckpointInfo>(stream) ?? throw new InvalidDataException($"'{path}': {InfoEntry} is empty.");
            if (info.FormatVersion is < 1 or > FormatVersion)
                throw new InvalidDataException($"'{path}' has checkpoint format {info.FormatVersion}; this version reads formats 1 to {FormatVersion}.");
            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    // TorchSharp's built-in optimizers share OptimizerHelper, which owns the state (de)serialisation.
    private static TorchSharp.Modules.OptimizerHelper StatefulOptimizer(torch.optim.Optimizer optimizer)
        => optimizer as TorchSharp.Modules.OptimizerHelper
           ?? throw new NotSupportedException($"Optimizer {optimizer.GetType().Name} cannot be checkpointed: it does not derive from TorchSharp's OptimizerHelper.");

    private static MemoryStream Copy(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"Checkpoint '{path}' lacks {name}.");
        var buffer = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}

/// <summary>What a checkpoint file says about itself.</summary>
/// <param name="FormatVersion">The file format version.</param>
/// <param name="Model">The model's module name (its class name for generated models).</param>
/// <param name="HasOptimizer">Whether optimizer state was saved.</param>
/// <param name="Epoch">The epoch the checkpoint was taken after, when the caller said.</param>
public sealed record CheckpointInfo(int FormatVersion, string Model, bool HasOptimizer, int? Epoch)
{
    /// <summary>Whether the file holds what resuming a fit needs (random generator state and history).</summary>
    public bool HasTrainingState { get; init; }
}
