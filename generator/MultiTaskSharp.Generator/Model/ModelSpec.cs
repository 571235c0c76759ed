namespace MultiTaskSharp.Generator.Model;

/// <summary>How the tasks share the network before their own layers.</summary>
internal enum SharingKind
{
    /// <summary>No shared block: each task reads its input (after the stem) directly, usually into a tower.</summary>
    None,

    /// <summary>Hard sharing: one trunk, run once per input.</summary>
    Trunk,

    /// <summary>A mixture of experts (MMoE, CGC, PLE) with one gate per task.</summary>
    Experts,
}

/// <summary>Everything the emitter needs to write a model's code.</summary>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    bool HasNamedInputs,
    EquatableArray<InputSpec> Inputs,
    SharingKind SharingKind,
    ComponentRef? Trunk,
    EquatableArray<ExpertLevelSpec> ExpertLevels,
    CrossStitchSpec? CrossStitch,
    EquatableArray<SoftSharingSpec> SoftSharing,
    EquatableArray<TaskSpec> Tasks,
    WeightingSpec? Weighting,
    EquatableArray<RegisteredMember> Registered,
    bool HasUserConstructor,
    ArchitectureGraph Graph,
    SharingLayout Layout)
{
    /// <summary>The task of that name.</summary>
    public TaskSpec Task(string name)
    {
        foreach (var task in Tasks)
        {
            if (task.Name == name)
                return task;
        }
        throw new System.ArgumentException("No task " + name, nameof(name));
    }
}

/// <summary>What reading one declaration produced: a model to emit (null when it cannot be emitted) and diagnostics.</summary>
internal sealed record ModelParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
