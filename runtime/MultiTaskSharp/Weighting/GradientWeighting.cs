using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// A gradient-based strategy (MGDA, PCGrad, CAGrad, Nash-MTL …): each step it receives every task's gradient with
/// respect to the shared parameters or the shared representation (<see cref="Gradients"/>) and returns coefficients
/// α, one per task; the shared part is updated along <c>d = Σ α_t g_t</c>. Each task's own parameters always get
/// their own task's gradient. Tasks a batch does not label have no gradient and get coefficient 0.
/// </summary>
public abstract class GradientWeighting : LossWeighting
{
    private double[]? _coefficients;

    /// <summary>Creates a strategy that adapts to the tasks of the model it is attached to.</summary>
    protected GradientWeighting(string name) : base(name)
    {
    }

    /// <summary>With respect to what the per-task gradients are taken (default: the shared parameters).</summary>
    public GradientSource Gradients { get; set; } = GradientSource.Parameters;

    /// <summary>Whether the method is defined on representation gradients too (the class carries <see cref="SupportsRepresentationGradientsAttribute"/>).</summary>
    public abstract bool AcceptsRepresentation { get; }

    /// <inheritdoc />
    public override bool IsGradientBased => true;

    /// <summary>The coefficients of the most recent step (all 1 before the first).</summary>
    public IReadOnlyList<double> LastCoefficients => _coefficients ??= Enumerable.Repeat(1.0, TaskCount).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<double> EffectiveWeights() => LastCoefficients;

    /// <summary>The sum of the losses weighted by the most recent coefficients (for reports and evaluation).</summary>
    public override WeightedLosses Combine(ReadOnlySpan<torch.Tensor> losses)
    {
        CheckCount(losses);
        var weights = LastCoefficients;
        var terms = new torch.Tensor[losses.Length];
        for (int i = 0; i < losses.Length; i++)
            terms[i] = weights[i] == 1.0 ? losses[i] : losses[i] * weights[i];
        return new WeightedLosses(Sum(terms), terms);
    }

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Gradients == GradientSource.Representation && !AcceptsRepresentation)
            throw new InvalidOperationException($"{GetName()} is defined on parameter gradients only; set Gradients = GradientSource.Parameters.");
        var gradients = step.Gradients(Gradients);
        var coefficients = Coefficients(gradients, step);
        if (coefficients.Length != TaskCount || coefficients.Any(c => !double.IsFinite(c)))
            throw new InvalidOperationException($"{GetName()} returned {coefficients.Length} coefficient(s) [{string.Join(", ", coefficients)}] for {TaskCount} tasks; every one must be finite.");
        gradients.Apply(coefficients);
        _coefficients = coefficients;
        return Combine(step.Losses.Select(l => l.detach()).ToArray());
    }

    /// <summary>
    /// Records <paramref name="coefficients"/> as the most recent step's, for a strategy that overrides
    /// <see cref="Backward"/> and skips taking per-task gradients on some steps (Nash-MTL reusing its previous
    /// weights between updates).
    /// </summary>
    protected void RecordCoefficients(double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Length != TaskCount || coefficients.Any(c => !double.IsFinite(c)))
            throw new ArgumentException($"{GetName()} recorded {coefficients.Length} coefficient(s) [{string.Join(", ", coefficients)}] for {TaskCount} tasks; every one must be finite.", nameof(coefficients));
        _coefficients = coefficients.ToArray();
    }

    /// <summary>The coefficient of each task's gradient in this step's update (0 for absent tasks).</summary>
    protected abstract double[] Coefficients(TaskGradients gradients, TrainingStep step);

    /// <summary>
    /// The Gram matrix restricted to the tasks present in the batch, and their indices; a method that balances present
    /// tasks solves on it and spreads its answer back with <see cref="Expand"/>.
    /// </summary>
    protected static (double[,] Gram, int[] Tasks) PresentGram(TaskGradients gradients)
    {
        var full = gradients.Gram();
        var tasks = Enumerable.Range(0, gradients.Present.Count).Where(t => gradients.Present[t]).ToArray();
        var gram = new double[tasks.Length, tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
            for (int j = 0; j < tasks.Length; j++)
                gram[i, j] = full[tasks[i], tasks[j]];
        return (gram, tasks);
    }

    /// <summary>Coefficients of the present tasks spread back to all tasks (0 for the absent ones).</summary>
    protected static double[] Expand(ReadOnlySpan<double> present, int[] tasks, int taskCount)
    {
        var all = new double[taskCount];
        for (int i = 0; i < tasks.Length; i++)
            all[tasks[i]] = present[i];
        return all;
    }
}

/// <summary>
/// Marks a <see cref="GradientWeighting"/> whose method is defined on representation gradients too, so a declaration may
/// ask for <c>[Weighting(Gradients = GradientSource.Representation)]</c>; the generator checks it at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class SupportsRepresentationGradientsAttribute : Attribute
{
}
