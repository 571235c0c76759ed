using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks the shared trunk: a field holding a <c>Module&lt;Tensor, Tensor&gt;</c>, a recurrent layer
/// (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>: see <see cref="Passes"/>), or a method <c>Tensor M(Tensor)</c> that uses module
/// fields. The trunk runs once per input per forward pass; every head bound to that
/// input receives its result.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class TrunkAttribute : Attribute
{
    /// <summary>
    /// For an <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> field: what the trunk passes on to the tasks (default: the last time
    /// step's output). The recurrent layer's <c>batchFirst</c> must be a constant so the generated code knows the layout.
    /// </summary>
    public RecurrentOutput Passes { get; set; } = RecurrentOutput.LastStep;
}
