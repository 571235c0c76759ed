using System;

namespace MultiTaskSharp;

/// <summary>
/// Declares the gate of a mixture-of-experts model, on a parameterless factory method returning a
/// <c>Module&lt;Tensor, Tensor&gt;</c> that maps what the experts read to one logit per expert it weighs. The generated
/// constructor calls it once per task and applies a softmax to its output. The gate's output width must equal the
/// number of experts it weighs (checked at compile time when the layers say it). In a PLE model, each level below the
/// last also needs a shared gate, which weighs every expert of the level: declare it with <see cref="Shared"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GateAttribute : Attribute
{
    /// <summary>The extraction level the gate belongs to (PLE); default 0.</summary>
    public int Level { get; set; }

    /// <summary>
    /// Whether this factory makes the level's shared gate (PLE, below the last level), which weighs the shared experts
    /// and every task's own for the next level's shared experts, rather than the tasks' gates.
    /// </summary>
    public bool Shared { get; set; }
}
