using System;

namespace SeedSystems;

/// <summary>One subcommand: a system from the seed articles, its number there, and how to run it.</summary>
/// <param name="Command">The subcommand name.</param>
/// <param name="Seed">The seed article's number.</param>
/// <param name="Summary">One line for help and headers.</param>
/// <param name="Run">Trains, tests and judges the system; returns the exit code (0 = PASS).</param>
public sealed record SeedSystem(string Command, string Seed, string Summary, Func<SystemOptions, int> Run)
{
    public static SeedSystem[] All { get; } =
    [
        new("shared-linear", "000", "three regression tasks on one shared linear layer, loss weights 1 / 0.5 / 0.25", SharedLinear.SharedLinearSystem.Run),
        new("dense-two-outputs", "002", "an MLP with a (class-imbalanced) classification output and a regression output, Adam", DenseTwoOutputs.DenseTwoOutputsSystem.Run),
        new("separate-inputs", "003", "two tasks with separate inputs and stems, sharing one hidden layer", SeparateInputs.SeparateInputsSystem.Run),
        new("lstm", "004", "an LSTM trunk over a time series, forecasting 1 and 5 steps ahead", Lstm.LstmSystem.Run),
    ];
}
