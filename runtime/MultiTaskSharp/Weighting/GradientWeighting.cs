using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// A gradient-based strategy (MGDA, PCGrad, CAGrad, Nash-MTL …): each step it sees every present task's gradient with
/// respect to the shared parameters or the shared representation (<see cref="Gradients"/>) and returns coefficients
/// α, one per present task, or a direction; the shared part is updated along <c>d = Σ α_t g_t</c>. Each task's own
/// parameters always get their own task's gradient. Tasks a batch does not label have no gradient and get
/// coefficient 0.
/// </summary>
/// <remarks>
/// <para>A strategy is its method alone: override <see cref="Solve"/>, which receives the present tasks only
/// (<see cref="PresentTasks"/>: their Gram matrix, gradient matrix, losses). Taking the gradients, restricting them
/// to the present tasks, spreading the answer back, checking it, writing the direction where the optimizer finds it,
/// recording the coefficients and notifying <see cref="GradientObserver"/> happen here, once.</para>
/// <para>A method defined on representation gradients too says so once, with
/// <see cref="SupportsRepresentationGradientsAttribute"/> on the class: the generator checks declarations against
/// it at compile time and the step at run time.</para>
/// </remarks>
public abstract class GradientWeighting : LossWeighting
{
    private static readonly ConcurrentDictionary<Type, bool> RepresentationSupport = new();

    private double[]? _coefficients;
    private GradientSource? _chosen;     // set by the user on the object
    private GradientSource? _declared;   // from [Weighting(Gradients = …)], a default only

    /// <summary>Creates a strategy that adapts to the tasks of the model it is attached to.</summary>
    protected GradientWeighting(string name) : base(name)
    {
    }

    /// <summary>
    /// With respect to what the per-task gradients are taken: what was set here, else the declaration's
    /// <c>[Weighting(Gradients = …)]</c>, else the shared parameters. A value set here always wins.
    /// </summary>
    public GradientSource Gradients
    {
        get => _chosen ?? _declared ?? GradientSource.Parameters;
        set => _chosen = value;
    }

    /// <summary>
    /// Called on every training step, after the strategy solved and before the optimizer's step, with the per-task
    /// gradients and the combined direction (null: nothing is built for it). The tensors are valid only during the
    /// call: copy what you keep (<c>tensor.detach().clone()</c>, or read it to the host).
    /// </summary>
    public Action<StepGradients>? GradientObserver { get; set; }

    /// <summary>Whether the method is defined on representation gradients too (its class carries <see cref="SupportsRepresentationGradientsAttribute"/>).</summary>
    public bool SupportsRepresentationGradients
#pragma warning disable CS0618 // the obsolete override still counts for one release
        => HasRepresentationAttribute(GetType()) || AcceptsRepresentation;
#pragma warning restore CS0618

    /// <summary>Obsolete: declare <see cref="SupportsRepresentationGradientsAttribute"/> on the class instead (the one declaration the generator and the step both read).</summary>
    [Obsolete("Declare [SupportsRepresentationGradients] on the class instead and remove this override; it will be removed in the next release.", false)]
    public virtual bool AcceptsRepresentation => HasRepresentationAttribute(GetType());

    /// <inheritdoc />
    public override bool IsGradientBased => true;

    /// <summary>The coefficients of the most recent step (all 1 before the first).</summary>
    public IReadOnlyList<double> LastCoefficients => _coefficients ??= Enumerable.Repeat(1.0, TaskCount).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<double> EffectiveWeights() => LastCoefficients;

    /// <summary>
    /// Sets the declaration's <c>[Weighting(Gradients = …)]</c> as the default of <see cref="Gradients"/>; a value the
    /// user set on the object is kept. Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void UseDeclaredGradients(GradientSource source) => _declared = source;

    /// <summary>The sum of the losses weighted by the most recent coefficients (for reports and evaluation).</summary>
    protected override TaskWeights Weigh(LossStep step) => LastCoefficients.ToArray();

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Gradients == GradientSource.Representation && !SupportsRepresentationGradients)
            throw new InvalidOperationException($"{GetName()} is defined on parameter gradients only; set Gradients = GradientSource.Parameters.");
        var gradients = step.Gradients(Gradients);
        var present = new PresentTasks(gradients, step);
        double[] coefficients;
        torch.Tensor? direction = null;
        if (present.Count == 0)
        {
            coefficients = new double[TaskCount];
        }
        else
        {
            var update = Solve(present);
            coefficients = update.CoversAllTasks ? Checked(update.Coefficients, TaskCount) : present.Expand(Checked(update.Coefficients, present.Count));
            direction = update.Direction;
            if (direction is not null && (direction.dim() != 1 || direction.shape[0] != gradients.Matrix.shape[1]))
                throw new InvalidOperationException($"{GetName()} returned a direction of shape [{string.Join(", ", direction.shape)}]; it must be [{gradients.Matrix.shape[1]}], like a row of the gradient matrix.");
        }
        using (var scope = torch.NewDisposeScope())
        {
            direction ??= gradients.Direction(coefficients);
            gradients.Apply(direction);
            GradientObserver?.Invoke(new StepGradients(step.TaskNames, gradients.Source, gradients.Matrix.detach(), direction.detach(), coefficients.ToArray()));
        }
        _coefficients = coefficients;
        return Combine(step.Losses.Select(l => l.detach()).ToArray());
    }

    /// <summary>
    /// The method: the update of the shared part for the tasks present in the step. Return one coefficient per
    /// present task (a <c>double[]</c> converts), in the order of <see cref="PresentTasks.Indices"/>, or
    /// <see cref="GradientUpdate.Along"/> a direction when the update is not a linear combination of the gradients.
    /// </summary>
    /// <remarks>Not called when no task is present. The default calls the earlier API, <see cref="Coefficients"/>.</remarks>
    protected virtual GradientUpdate Solve(PresentTasks tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
#pragma warning disable CS0618 // the earlier API, kept for one release
        return GradientUpdate.ForAllTasks(Coefficients(tasks.All, tasks.Step));
#pragma warning restore CS0618
    }

    /// <summary>Obsolete: override <see cref="Solve"/>, which receives the present tasks only.</summary>
    [Obsolete("Override Solve(PresentTasks) instead: it receives the present tasks' Gram matrix, gradients and losses, and the base class spreads the answer back. This method will be removed in the next release.", false)]
    protected virtual double[] Coefficients(TaskGradients gradients, TrainingStep step)
        => throw new NotSupportedException($"{GetName()} overrides neither Solve nor Coefficients; a gradient-based strategy overrides Solve(PresentTasks).");

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

    /// <summary>Obsolete: <see cref="Solve"/> receives the present tasks' Gram matrix (<see cref="PresentTasks.Gram"/>).</summary>
    [Obsolete("Override Solve(PresentTasks) and read PresentTasks.Gram; this helper will be removed in the next release.", false)]
    protected static (double[,] Gram, int[] Tasks) PresentGram(TaskGradients gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        var full = gradients.Gram();
        var tasks = Enumerable.Range(0, gradients.Present.Count).Where(t => gradients.Present[t]).ToArray();
        var gram = new double[tasks.Length, tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
            for (int j = 0; j < tasks.Length; j++)
                gram[i, j] = full[tasks[i], tasks[j]];
        return (gram, tasks);
    }

    /// <summary>Obsolete: <see cref="Solve"/> returns the present tasks' coefficients and the base class spreads them back.</summary>
    [Obsolete("Override Solve(PresentTasks) and return the present tasks' coefficients; this helper will be removed in the next release.", false)]
    protected static double[] Expand(ReadOnlySpan<double> present, int[] tasks, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var all = new double[taskCount];
        for (int i = 0; i < tasks.Length; i++)
            all[tasks[i]] = present[i];
        return all;
    }

    private double[] Checked(double[]? coefficients, int expected)
    {
        if (coefficients is null || coefficients.Length != expected || coefficients.Any(c => !double.IsFinite(c)))
            throw new InvalidOperationException(
                $"{GetName()} returned {coefficients?.Length ?? 0} coefficient(s) [{string.Join(", ", coefficients ?? [])}] for {expected} task(s); every one must be finite.");
        return coefficients;
    }

    private static bool HasRepresentationAttribute(Type type)
        => RepresentationSupport.GetOrAdd(type, static t => t.IsDefined(typeof(SupportsRepresentationGradientsAttribute), inherit: true));
}

/// <summary>
/// Marks a <see cref="GradientWeighting"/> whose method is defined on representation gradients too, so a declaration may
/// ask for <c>[Weighting(Gradients = GradientSource.Representation)]</c>; the generator checks it at compile time and
/// the training step at run time. The one place this is declared.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class SupportsRepresentationGradientsAttribute : Attribute
{
}
