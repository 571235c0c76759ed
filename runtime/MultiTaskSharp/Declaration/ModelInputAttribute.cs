using System;

namespace MultiTaskSharp;

/// <summary>
/// Declares a named model input and, optionally, its shape without the batch dimension
/// (for example <c>[ModelInput("Image", 3, 32, 32)]</c>). Inputs are also declared implicitly by
/// <see cref="StemAttribute"/> and <see cref="HeadAttribute.Input"/>; a model without any named
/// input has a single input and its forward pass takes a plain <c>Tensor</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ModelInputAttribute : Attribute
{
    /// <param name="name">The input name; it becomes a property of the generated <c>Inputs</c> record.</param>
    /// <param name="shape">The shape of one example (no batch dimension); empty when unknown.</param>
    public ModelInputAttribute(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The input name.</summary>
    public string Name { get; }

    /// <summary>The shape of one example, without the batch dimension.</summary>
    public int[] Shape { get; }
}
