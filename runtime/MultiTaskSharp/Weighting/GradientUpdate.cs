using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// What a gradient-based strategy's <see cref="GradientWeighting.Solve"/> returns: the coefficients of the present
/// tasks' gradients (<c>d = Σ α_t g_t</c>; a <c>double[]</c> converts implicitly), or a direction that is not such a
/// combination (GradDrop's sign-masked sum) with the weights to report for it.
/// </summary>
public readonly struct GradientUpdate
{
    private GradientUpdate(double[] coefficients, torch.Tensor? direction, bool all)
    {
        Coefficients = coefficients;
        Direction = direction;
        CoversAllTasks = all;
    }

    /// <summary>One coefficient per present task (or the weights reported for <see cref="Direction"/>).</summary>
    public double[] Coefficients { get; }

    /// <summary>The direction [D], or null when it is the combination of the gradients with <see cref="Coefficients"/>.</summary>
    public torch.Tensor? Direction { get; }

    internal bool CoversAllTasks { get; }

    /// <summary>The combination <c>Σ α_t g_t</c> of the present tasks' gradients.</summary>
    public static GradientUpdate Combination(double[] coefficients)
        => new(coefficients ?? throw new ArgumentNullException(nameof(coefficients)), null, all: false);

    /// <summary>
    /// Moves the shared part along <paramref name="direction"/> [D] (a row of the gradient matrix's shape), reporting
    /// <paramref name="reportedWeights"/> (one per present task) as the step's weights.
    /// </summary>
    public static GradientUpdate Along(torch.Tensor direction, double[] reportedWeights)
        => new(reportedWeights ?? throw new ArgumentNullException(nameof(reportedWeights)), direction ?? throw new ArgumentNullException(nameof(direction)), all: false);

    /// <summary>Coefficients for every task (the earlier API's answer).</summary>
    internal static GradientUpdate ForAllTasks(double[] coefficients) => new(coefficients, null, all: true);

    /// <summary>The combination of the present tasks' gradients with <paramref name="coefficients"/>.</summary>
    public static implicit operator GradientUpdate(double[] coefficients) => Combination(coefficients);
}
