using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>What a model's batch holds: its inputs and every task's target, as the declaration says.</summary>
/// <param name="Inputs">The inputs, in declaration order (one, named after the model input, for a single-input model).</param>
/// <param name="Targets">The tasks' targets, in declaration order.</param>
public sealed record BatchSchema(IReadOnlyList<InputSchema> Inputs, IReadOnlyList<TargetSchema> Targets);

/// <summary>One model input.</summary>
/// <param name="Name">The input's name, as in <c>[ModelInput("Name", …)]</c>.</param>
/// <param name="ExampleShape">The shape of one example as declared; empty when the declaration gives none.</param>
/// <param name="MayBeAbsent">Whether a batch may lack the input (only the tasks that read it allow missing labels).</param>
public sealed record InputSchema(string Name, IReadOnlyList<int> ExampleShape, bool MayBeAbsent);

/// <summary>One task's target.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Kind">What the target holds, which fixes its element type and how a missing entry is written.</param>
/// <param name="AllowMissing">Whether entries (or the whole target) may be missing.</param>
public sealed record TargetSchema(string Task, TargetKind Kind, bool AllowMissing)
{
    /// <summary>Whether the target holds class indices (int64) rather than floating-point values.</summary>
    public bool IsClassIndices => Kind is TargetKind.ClassIndices or TargetKind.PixelClassIndices;
}

/// <summary>What a task's target holds (from its loss).</summary>
public enum TargetKind
{
    /// <summary>Class indices [N], int64 (cross-entropy); a missing label is a negative index.</summary>
    ClassIndices,

    /// <summary>Per-pixel class indices [N, H, W], int64 (per-pixel cross-entropy); a missing pixel is a negative index.</summary>
    PixelClassIndices,

    /// <summary>0/1 labels [N, K], floating point (binary cross-entropy); a missing entry is NaN.</summary>
    MultiLabel,

    /// <summary>Values of the prediction's shape, floating point (MSE, L1, smooth L1); a missing entry is NaN.</summary>
    Regression,

    /// <summary>Whatever the task's own loss method expects; read as floating point unless told otherwise, missing entries NaN.</summary>
    Custom,
}
