using System.CommandLine;

namespace SceneNet;

/// <summary>The command line of the sample, parsed into plain values.</summary>
public sealed record SceneOptions(int Epochs, string Device, int Seed, bool Quick, string? SavePath, bool Baselines, string? TensorBoard = null, string? PlotPath = null, string Weighting = "fixed", int? Patience = null)
{
    /// <summary>Epochs of a full run: enough for the accuracy and IoU thresholds with margin.</summary>
    public const int DefaultEpochs = 8;

    /// <summary>A smoke test: a few hundred images and two epochs, no thresholds.</summary>
    public const int QuickEpochs = 2;

    public int TrainCount => Quick ? 400 : 4000;
    public int ValidationCount => Quick ? 100 : 500;
    public int TestCount => Quick ? 200 : 1000;

    /// <summary>
    /// Builds the root command; <paramref name="run"/> receives the parsed options and returns the exit code, and the
    /// <c>weightings</c> subcommand calls <paramref name="compare"/>.
    /// </summary>
    public static RootCommand CreateCommand(System.Func<SceneOptions, int> run, System.Func<SceneOptions, int> compare)
    {
        var epochs = new Option<int?>("--epochs") { Description = $"Training epochs (default {DefaultEpochs}; {QuickEpochs} with --quick)." };
        epochs.Validators.Add(result =>
        {
            if (result.GetValue(epochs) is < 1)
                result.AddError("--epochs must be at least 1.");
        });
        var device = new Option<string>("--device")
        {
            Description = "Where to train: cpu, cuda, cuda:N or auto (CUDA when available).",
            DefaultValueFactory = _ => "cpu",
        };
        var seed = new Option<int>("--seed") { Description = "Seed for the data, the initial weights and the shuffling.", DefaultValueFactory = _ => 7 };
        var quick = new Option<bool>("--quick") { Description = "Tiny smoke run: a few hundred images, 2 epochs, no accuracy thresholds." };
        var save = new Option<string?>("--save") { Description = "Save the trained multi-task model (and its optimizer) to this checkpoint file." };
        var noBaselines = new Option<bool>("--no-baselines") { Description = "Train only the multi-task model, not the single-task baselines." };
        var tensorBoard = new Option<string?>("--tensorboard") { Description = "Write the multi-task model's per-epoch losses, metrics, learning rate and loss weights as TensorBoard scalars to this folder." };
        var plot = new Option<string?>("--plot") { Description = "Draw the multi-task model's training and validation curves to this PNG file." };
        var patience = new Option<int?>("--patience") { Description = "Stop the multi-task model early when its validation Shape accuracy has not improved for this many epochs (and keep its best epoch's weights)." };
        patience.Validators.Add(result =>
        {
            if (result.GetValue(patience) is < 1)
                result.AddError("--patience must be at least 1.");
        });
        var weighting = new Option<string>("--weighting")
        {
            Description = "The multi-task model's weighting strategy: " + string.Join(", ", WeightingCatalog.Names) + " (default fixed).",
            DefaultValueFactory = _ => "fixed",
        };
        weighting.Validators.Add(result =>
        {
            if (WeightingCatalog.Find(result.GetValue(weighting)) is null)
                result.AddError($"Unknown weighting '{result.GetValue(weighting)}'; choose one of: {string.Join(", ", WeightingCatalog.Names)}.");
        });

        var command = new RootCommand("SceneNet: shape classification and segmentation on synthetic images, one shared trunk versus single-task baselines.")
        {
            epochs, device, seed, quick, save, noBaselines, tensorBoard, plot, weighting, patience,
        };
        command.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            return run(new SceneOptions(
                Epochs: parse.GetValue(epochs) ?? (isQuick ? QuickEpochs : DefaultEpochs),
                Device: parse.GetValue(device) ?? "cpu",
                Seed: parse.GetValue(seed),
                Quick: isQuick,
                SavePath: parse.GetValue(save),
                Baselines: !parse.GetValue(noBaselines),
                TensorBoard: parse.GetValue(tensorBoard),
                PlotPath: parse.GetValue(plot),
                Weighting: parse.GetValue(weighting) ?? "fixed",
                Patience: parse.GetValue(patience)));
        });

        var weightings = new Command("weightings",
            "Train the multi-task model once with every weighting strategy under identical conditions (same data, seed, epochs), "
            + "next to the single-task baselines; print per-task metrics, Δp and time per step.")
        {
            epochs, device, seed, quick,
        };
        weightings.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            return compare(new SceneOptions(
                Epochs: parse.GetValue(epochs) ?? (isQuick ? QuickEpochs : DefaultEpochs),
                Device: parse.GetValue(device) ?? "cpu",
                Seed: parse.GetValue(seed),
                Quick: isQuick,
                SavePath: null,
                Baselines: true));
        });
        command.Subcommands.Add(weightings);
        return command;
    }
}
