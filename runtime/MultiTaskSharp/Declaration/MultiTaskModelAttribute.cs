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
}
