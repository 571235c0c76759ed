namespace MultiTaskSharp.Generator.Model;

/// <summary>A named model input, its optional stem and its declared example shape (empty when unknown).</summary>
/// <param name="MayBeAbsent">
/// Whether a batch may leave the input out (null): only when every task reading it allows missing targets, so a batch
/// from another task's data set can skip it.
/// </param>
internal sealed record InputSpec(string Name, ComponentRef? Stem, EquatableArray<int> Shape, bool MayBeAbsent = false);

/// <summary>A task-to-task connection: the reading task's tower or head also reads <see cref="Task"/>'s signal.</summary>
internal sealed record ConnectionSpec(string Task, TaskSignal Signal, bool Detach);

/// <summary>One task: what it reads, its tower and head, its connections, loss, metrics and fixed loss weight.</summary>
internal sealed record TaskSpec(
    string Name,
    string Input,
    ComponentRef? Tower,
    ComponentRef Head,
    EquatableArray<ConnectionSpec> TowerInputs,
    EquatableArray<ConnectionSpec> HeadInputs,
    LossKind Loss,
    string? LossMethod,
    OutputKind Output,
    MetricKind Metrics,
    double Weight,
    bool AllowMissing);

/// <summary>One level of a mixture of experts: its expert and gate factories and how many experts it has.</summary>
/// <param name="Level">The level, from 0.</param>
/// <param name="Experts">The factory called once per expert.</param>
/// <param name="Shared">Experts shared by every task.</param>
/// <param name="PerTask">Experts each task has of its own (CGC/PLE).</param>
/// <param name="Gate">The factory called once per task gate.</param>
/// <param name="SharedGate">The factory of the shared gate (PLE, below the last level), else null.</param>
internal sealed record ExpertLevelSpec(int Level, FactoryRef Experts, int Shared, int PerTask, FactoryRef Gate, FactoryRef? SharedGate);

/// <summary>Cross-stitch units between the stages of the tasks' towers (columns).</summary>
/// <param name="Stages">The number of top-level stages of every column; a unit follows each but the last.</param>
internal sealed record CrossStitchSpec(double SelfWeight, int Stages);

/// <summary>A soft-sharing penalty over the towers of <see cref="Tasks"/>, weighted by <see cref="Weight"/>.</summary>
internal sealed record SoftSharingSpec(string Name, SharingPenalty Penalty, double Weight, EquatableArray<string> Tasks);

/// <summary>The strategy chosen in the declaration with <c>[Weighting]</c>.</summary>
/// <param name="MemberName">The field or property holding it.</param>
/// <param name="Gradients">Where a gradient-based strategy takes the per-task gradients.</param>
internal sealed record WeightingSpec(string MemberName, GradientSource Gradients);

/// <summary>A field or property registered with the TorchSharp module under a PyTorch-style name.</summary>
internal sealed record RegisteredMember(string MemberName, string RegisteredName, RegisteredKind Kind);

/// <summary>How a member is registered with the module.</summary>
internal enum RegisteredKind
{
    Module,
    Parameter,
    Buffer,
}

/// <summary>A type that encloses the model class (nested models are emitted inside the same chain).</summary>
internal sealed record ContainingType(string Keyword, string Name);
