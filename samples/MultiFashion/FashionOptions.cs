using System;
using System.Collections.Generic;
using System.CommandLine;

namespace MultiFashion;

/// <summary>The command line of the sample, parsed into plain values.</summary>
public sealed record FashionOptions(string DataDirectory, int Epochs, int Seeds, int FirstSeed, int DataSeed, string Device, int? Threads, bool Quick, string? ExportDirectory, IReadOnlyList<MultiTaskVariant> Variants)
{
    /// <summary>Epochs of a full run; see <see cref="TrainingRun"/> and docs/multifashion.md for why not the reference's 100.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>Training seeds of a full run: every model is trained once per seed.</summary>
    public const int DefaultSeeds = 3;

    public const int QuickEpochs = 5;

    // Split sizes follow from the data (SplitSizes.For): a full run uses every image (Fashion-MNIST: 54,000 train,
    // 6,000 validation, 10,000 test), a quick one at most 20,000 / 2,000 / 2,000.

    /// <summary>Builds the root command; <paramref name="run"/> receives the parsed options and returns the exit code.</summary>
    public static RootCommand CreateCommand(Func<FashionOptions, int> run)
    {
        var data = new Option<string>("--data")
        {
            Description = "Directory with the MNIST-format files (train-images-idx3-ubyte.gz, …).",
            DefaultValueFactory = _ => MultiFashionData.DefaultDirectory,
        };
        var epochs = new Option<int?>("--epochs") { Description = $"Training epochs per model (default {DefaultEpochs}; {QuickEpochs} with --quick)." };
        epochs.Validators.Add(result =>
        {
            if (result.GetValue(epochs) is < 1)
                result.AddError("--epochs must be at least 1.");
        });
        var seeds = new Option<int?>("--seeds") { Description = $"How many training seeds per model (default {DefaultSeeds}; 1 with --quick)." };
        seeds.Validators.Add(result =>
        {
            if (result.GetValue(seeds) is < 1)
                result.AddError("--seeds must be at least 1.");
        });
        var firstSeed = new Option<int>("--first-seed") { Description = "The first training seed; the others follow it.", DefaultValueFactory = _ => 1 };
        var dataSeed = new Option<int>("--data-seed") { Description = "Seed of the validation hold-out and of the item pairing (shared by every model).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device")
        {
            Description = "Where to train: cpu, cuda, cuda:N or auto (CUDA when available).",
            DefaultValueFactory = _ => "cpu",
        };
        var threads = new Option<int?>("--threads") { Description = "libtorch's intra-op CPU threads (default: one per core). 1 is faster on a machine busy with other work." };
        threads.Validators.Add(result =>
        {
            if (result.GetValue(threads) is < 1)
                result.AddError("--threads must be at least 1.");
        });
        var quick = new Option<bool>("--quick") { Description = "A few-minute run: 20,000 training examples, 5 epochs, 1 seed, four variants; ends with PASS or FAIL." };
        var weightings = new Option<string?>("--weightings")
        {
            Description = "Comma-separated multi-task variants to train: " + string.Join(", ", MultiTaskVariants.Keys)
                + $", or all (default: all; {string.Join(",", MultiTaskVariants.QuickKeys)} with --quick).",
        };
        weightings.Validators.Add(result =>
        {
            if (result.GetValue(weightings) is { } names && names != "all" && MultiTaskVariants.Select(names.Split(',')) is not { Count: > 0 })
                result.AddError($"Unknown weighting in '{names}'; choose among: {string.Join(", ", MultiTaskVariants.Keys)}, all.");
        });
        var export = new Option<string?>("--export-test") { Description = "Also write the composed test split to this directory as IDX files (for cross-checks), then train." };

        var command = new RootCommand("MultiFashion: two overlapping Fashion-MNIST items per image, a shared LeNet trunk and one classifier per item, versus single-task baselines.")
        {
            data, epochs, seeds, firstSeed, dataSeed, device, threads, quick, weightings, export,
        };
        command.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            return run(new FashionOptions(
                DataDirectory: parse.GetValue(data) ?? MultiFashionData.DefaultDirectory,
                Epochs: parse.GetValue(epochs) ?? (isQuick ? QuickEpochs : DefaultEpochs),
                Seeds: parse.GetValue(seeds) ?? (isQuick ? 1 : DefaultSeeds),
                FirstSeed: parse.GetValue(firstSeed),
                DataSeed: parse.GetValue(dataSeed),
                Device: parse.GetValue(device) ?? "cpu",
                Threads: parse.GetValue(threads),
                Quick: isQuick,
                ExportDirectory: parse.GetValue(export),
                Variants: parse.GetValue(weightings) switch
                {
                    null when isQuick => MultiTaskVariants.Select(MultiTaskVariants.QuickKeys)!,
                    null or "all" => MultiTaskVariants.All,
                    var names => MultiTaskVariants.Select(names.Split(','))!,
                }));
        });
        return command;
    }
}
