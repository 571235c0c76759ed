using System;

namespace MultiTaskSharp;

/// <summary>
/// Marks a <c>partial class</c> as a multi-task model. The source generator turns the class into a
/// TorchSharp module with a typed forward pass, loss combination, training step and evaluation,
/// built from the members marked <see cref="TrunkAttribute"/>, <see cref="HeadAttribute"/> and
/// <see cref="StemAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MultiTaskModelAttribute : Attribute
{
    /// <summary>
    /// Declares that the model is meant to be exported to ONNX (MultiTaskSharp.Export): the compiler then reports
    /// what cannot be exported (MTL0032–MTL0035) where it is declared. The MSBuild property
    /// <c>MultiTaskSharpExportable</c> turns it on for every model of a project; <c>false</c> here overrides it.
    /// </summary>
    public bool Exportable { get; set; }
}
