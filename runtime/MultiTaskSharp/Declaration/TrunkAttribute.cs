using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks the shared trunk: a field holding a <c>Module&lt;Tensor, Tensor&gt;</c>, or a method
/// <c>Tensor M(Tensor)</c> that uses module fields (for trunks such as an LSTM, whose output the
/// method picks from). The trunk runs once per input per forward pass; every head bound to that
/// input receives its result.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class TrunkAttribute : Attribute
{
}
