using System;

namespace MultiTaskSharp;

/// <summary>
/// Chooses the model's loss-weighting strategy in its declaration: a field (or auto-property) whose type derives from
/// <see cref="LossWeighting"/>, initialised with the strategy's hyperparameters, e.g.
/// <c>[Weighting] readonly CAGrad weighting = new(c: 0.4);</c>. It replaces the fixed weights the generated model
/// starts with; <c>model.LossWeighting = …</c> still swaps it at run time. A gradient-based strategy on a model with no
/// shared parameters, or representation gradients the strategy (or the topology) cannot use, is a compile-time error.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class WeightingAttribute : Attribute
{
    /// <summary>
    /// For gradient-based strategies: whether per-task gradients are taken with respect to the shared parameters
    /// (default) or the shared representation.
    /// </summary>
    public GradientSource Gradients { get; set; } = GradientSource.Parameters;
}
