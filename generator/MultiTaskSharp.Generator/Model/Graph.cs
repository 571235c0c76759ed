namespace MultiTaskSharp.Generator.Model;

/// <summary>What a stage of the architecture computes.</summary>
internal enum StageKind
{
    /// <summary>A model input, as given to the forward pass.</summary>
    Input,

    /// <summary>An input's stem.</summary>
    Stem,

    /// <summary>The shared trunk, on one input's (stemmed) value.</summary>
    Trunk,

    /// <summary>A pool of experts on one value, stacked along dimension 1: [N, E, …].</summary>
    Experts,

    /// <summary>A softmax gate over experts on one value: [N, E].</summary>
    Gate,

    /// <summary>The gate-weighted sum of the experts: Args[0] is the gate, the rest are expert stacks.</summary>
    Mixture,

    /// <summary>A task's tower.</summary>
    Tower,

    /// <summary>One top-level stage (<see cref="Stage.Index"/>) of a cross-stitched tower.</summary>
    TowerStage,

    /// <summary>
    /// Cross-stitch unit <see cref="Stage.Index"/>: mixes one value per task into one value per task. Values[0] is the
    /// unit's result array; Values[1..] are the mixed columns, in task order.
    /// </summary>
    CrossStitch,

    /// <summary>Concatenation along dimension 1 (a task reading its own input plus other tasks' signals).</summary>
    Concat,

    /// <summary>A task's head: its prediction.</summary>
    Head,
}

/// <summary>Which generated module a stage runs: a pool of experts or a gate, at a level, for a task (null: shared).</summary>
internal sealed record GeneratedModuleRef(int Level, string? Task);

/// <summary>
/// One step of the forward pass. Values are the locals the stage defines (one, or for a cross-stitch unit its
/// result array and one per task); Args are the values it reads, in order. An argument may be marked detached (<see cref="DetachedArgs"/>).
/// </summary>
/// <param name="Kind">What the stage computes.</param>
/// <param name="Values">The locals it defines (for <see cref="StageKind.Input"/>: the checked input).</param>
/// <param name="Args">The values it reads.</param>
/// <param name="Component">The member it calls (stems, trunk, towers, heads).</param>
/// <param name="Module">The generated module it runs (experts, gates).</param>
/// <param name="Index">The tower stage or cross-stitch unit index.</param>
/// <param name="Task">The task the stage belongs to (null for shared stages).</param>
/// <param name="Input">The input the stage works on (null for task stages).</param>
/// <param name="Shared">Whether the value is a shared representation (captured for representation gradients).</param>
/// <param name="DetachedArgs">For each argument, whether it is read detached (empty: none is).</param>
internal sealed record Stage(
    StageKind Kind,
    EquatableArray<string> Values,
    EquatableArray<string> Args,
    ComponentRef? Component = null,
    GeneratedModuleRef? Module = null,
    int Index = 0,
    string? Task = null,
    string? Input = null,
    bool Shared = false,
    EquatableArray<bool> DetachedArgs = default)
{
    /// <summary>The single value of a one-output stage.</summary>
    public string Value => Values[0];

    public bool IsDetached(int arg) => arg < DetachedArgs.Count && DetachedArgs[arg];
}

/// <summary>The architecture as a dataflow graph: its stages in an order where every value is defined before use.</summary>
/// <param name="Stages">The forward pass, in execution order.</param>
/// <param name="Outputs">Each task's output value, in declaration order of the tasks.</param>
internal sealed record ArchitectureGraph(EquatableArray<Stage> Stages, EquatableArray<string> Outputs);
