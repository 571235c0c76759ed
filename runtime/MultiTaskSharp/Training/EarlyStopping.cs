using System;

namespace MultiTaskSharp;

/// <summary>
/// Stops <c>Fit</c> when <see cref="Monitor"/> has not improved (by more than <see cref="MinDelta"/>) for
/// <see cref="Patience"/> judged epochs, and by default puts back the parameters of the best epoch.
/// </summary>
public sealed record EarlyStopping(Monitor Monitor, int Patience)
{
    /// <summary>The smallest change that counts as an improvement (default 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>Whether to restore the best epoch's parameters when stopping or at the end (default true).</summary>
    public bool RestoreBestWeights { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Monitor);
        if (Patience < 1)
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be at least 1 epoch.");
        if (!double.IsFinite(MinDelta) || MinDelta < 0)
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "MinDelta must be a finite, non-negative number.");
    }
}

/// <summary>Where and when <c>Fit</c> saves checkpoints (atomically: a crash never leaves a half-written file).</summary>
/// <param name="Directory">The folder: <c>last.ckpt</c> every <see cref="Every"/> epochs, <c>best.ckpt</c> when <see cref="KeepBest"/> improves.</param>
public sealed record CheckpointOptions(string Directory)
{
    /// <summary>Save <c>last.ckpt</c> every this many epochs (and after the last one; default 1).</summary>
    public int Every { get; init; } = 1;

    /// <summary>When set, also keep <c>best.ckpt</c>: the epoch with the best value of this monitor.</summary>
    public Monitor? KeepBest { get; init; }

    /// <summary>The path of the latest checkpoint.</summary>
    public string Last => System.IO.Path.Combine(Directory, "last.ckpt");

    /// <summary>The path of the best checkpoint.</summary>
    public string Best => System.IO.Path.Combine(Directory, "best.ckpt");

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Directory);
        if (Every < 1)
            throw new ArgumentOutOfRangeException(nameof(Every), Every, "Every must be at least 1 epoch.");
    }
}
