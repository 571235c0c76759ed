using System.Collections.Generic;
using TorchSharp.Modules;

namespace MultiTaskSharp;

/// <summary>The parameters of a model grouped by who trains them: every task (shared), or one task.</summary>
/// <param name="Shared">Parameters the losses of two or more tasks depend on.</param>
/// <param name="Tasks">Each task's own parameters, in declaration order.</param>
public sealed record ParameterLayout(IReadOnlyList<Parameter> Shared, IReadOnlyList<IReadOnlyList<Parameter>> Tasks);
