using System;

namespace MultiTaskSharp;

/// <summary>
/// States the shape of one example (no batch dimension) that a trunk, stem or head produces, for
/// example <c>[OutputShape(64)]</c> on a method trunk that returns an LSTM's last hidden state.
/// The generator infers shapes from standard TorchSharp layers and stops checking where it cannot
/// (methods, custom modules, non-constant arguments); the stated shape lets checking resume from
/// this member on. Where the generator can infer the shape too, the two must agree.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class OutputShapeAttribute : Attribute
{
    /// <param name="shape">The sizes of one output example; use -1 for a size that varies (a sequence length).</param>
    public OutputShapeAttribute(params int[] shape) => Shape = shape;

    /// <summary>The shape of one output example, without the batch dimension.</summary>
    public int[] Shape { get; }
}
