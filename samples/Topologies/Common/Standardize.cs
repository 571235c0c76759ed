using static TorchSharp.torch;

namespace Topologies;

/// <summary>Scales regression labels to zero mean and unit variance with the training labels' statistics.</summary>
public static class Standardize
{
    /// <summary>
    /// (y − μ) / σ for both sets, with μ and σ of the training labels that are present (NaN marks a missing one), so
    /// that a test MSE reads as a fraction of the label variance (predicting the mean scores ≈ 1) on every seed.
    /// </summary>
    public static (Tensor Train, Tensor Test) Labels(Tensor train, Tensor test)
    {
        var present = train[train.isnan().logical_not()];
        var (mean, std) = (present.mean(), present.std());
        return ((train - mean) / std, (test - mean) / std);
    }
}
