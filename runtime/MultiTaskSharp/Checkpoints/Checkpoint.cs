using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Saves and restores a model, optionally with its optimizer, in one file: a zip archive holding
/// <c>model.bin</c> (TorchSharp's state format), <c>optimizer.bin</c> and <c>checkpoint.json</c>.
/// Saving writes a temporary file next to the target and renames it over the target only when
/// complete, so a crash or a failed write never leaves a half-written checkpoint behind.
/// </summary>
public static class Checkpoint
{
    private const string ModelEntry = "model.bin";
    private const string OptimizerEntry = "optimizer.bin";
    private const string InfoEntry = "checkpoint.json";
    private const int FormatVersion = 1;

    /// <summary>Saves <paramref name="model"/> and, when given, <paramref name="optimizer"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, torch.nn.Module model, torch.optim.Optimizer? optimizer = null, int? epoch = null)
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
                var info = new CheckpointInfo(FormatVersion, model.GetName(), optimizer is not null, epoch);
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
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        using var zip = ZipFile.OpenRead(path);
        var infoEntry = zip.GetEntry(InfoEntry) ?? throw new InvalidDataException($"'{path}' is not a MultiTaskSharp checkpoint: it has no {InfoEntry}.");
        CheckpointInfo info;
        using (var stream = infoEntry.Open())
            info = JsonSerializer.Deserialize<CheckpointInfo>(stream) ?? throw new InvalidDataException($"'{path}': {InfoEntry} is empty.");
        if (info.FormatVersion != FormatVersion)
            throw new InvalidDataException($"'{path}' has checkpoint format {info.FormatVersion}; this version reads format {FormatVersion}.");
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
public sealed record CheckpointInfo(int FormatVersion, string Model, bool HasOptimizer, int? Epoch);
