using TorchSharp;

namespace SeedSystems;

/// <summary>The options every subcommand takes. <see cref="Epochs"/> is null when the system's own default applies.</summary>
public sealed record SystemOptions(int? Epochs, int Seed, torch.Device Device)
{
    public int EpochsOr(int systemDefault) => Epochs ?? systemDefault;
}
