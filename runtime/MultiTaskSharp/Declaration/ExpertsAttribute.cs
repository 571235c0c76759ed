using System;

namespace MultiTaskSharp;

/// <summary>
/// Declares a pool of experts for a mixture-of-experts model, on a parameterless factory method returning a
/// <c>Module&lt;Tensor, Tensor&gt;</c>; the generated constructor calls it once per expert. Every task mixes the
/// experts' outputs with its own softmax gate (see <see cref="GateAttribute"/>) and continues into its tower and head.
/// <list type="bullet">
/// <item>MMoE (Ma et al., KDD 2018): <c>[Experts(8)]</c>, experts shared by every task.</item>
/// <item>CGC (Tang et al., RecSys 2020): <c>[Experts(2, PerTask = 2)]</c>, shared experts plus experts of each task's
/// own; a task's gate weighs the shared ones and its own.</item>
/// <item>PLE (Tang et al., RecSys 2020): CGC levels stacked, one <c>[Experts(..., Level = l)]</c> and one
/// <c>[Gate(Level = l)]</c> factory per level; a level reads the previous level's outputs.</item>
/// </list>
/// Parameters are registered PyTorch-style: <c>experts.3.0.weight</c>, <c>task_experts.Ctr.1.0.weight</c>,
/// <c>gates.Ctr.weight</c> (and <c>levels.1.experts…</c> with several levels).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ExpertsAttribute : Attribute
{
    /// <param name="count">The number of experts shared by every task (at least 1 unless <see cref="PerTask"/> is set).</param>
    public ExpertsAttribute(int count) => Count = count;

    /// <summary>The number of shared experts.</summary>
    public int Count { get; }

    /// <summary>The number of experts each task has of its own (CGC, PLE); default 0 (MMoE).</summary>
    public int PerTask { get; set; }

    /// <summary>The extraction level, from 0 (PLE); models with one level leave it at 0.</summary>
    public int Level { get; set; }
}
