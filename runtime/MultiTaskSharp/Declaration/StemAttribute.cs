using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks an input-specific stem: a module field or <c>Tensor M(Tensor)</c> method that maps the
/// named input into the trunk's input space. Declaring a stem declares the input; a model with
/// several inputs runs each input through its own stem and then through the shared trunk.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class StemAttribute : Attribute
{
    /// <param name="input">The input name; it becomes a property of the generated <c>Inputs</c> record.</param>
    public StemAttribute(string input) => Input = input;

    /// <summary>The input this stem reads.</summary>
    public string Input { get; }
}
