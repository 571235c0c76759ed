using System;
using System.ComponentModel;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>One member of a batch record and its number of examples, for consistency checks.</summary>
/// <param name="Task">The task or input the member belongs to.</param>
/// <param name="Member">The member, for example <c>Targets.Shape</c>.</param>
/// <param name="Count">Its number of examples (the size of its first dimension); -1 for an absent optional member.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct BatchMember(string Task, string Member, long Count);

/// <summary>
/// The operations generated batch records perform on their members, with errors that name the task (or input) and
/// member at fault. Generated code calls these instead of inspecting members by reflection. The <c>Optional</c>
/// variants accept null: a task's target (or a mask) that the batch does not have.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchMembers
{
    /// <summary>Reads the number of examples of a tensor member; it must be present and have a batch dimension.</summary>
    public static BatchMember Of(string task, string member, torch.Tensor? value, bool isInput = false)
    {
        if (value is null)
            throw new TaskDataException(task, member, "the tensor is missing (null).", isInput);
        if (value.dim() == 0)
            throw new TaskDataException(task, member, "a scalar has no example dimension; the first dimension must index examples.", isInput);
        return new BatchMember(task, member, value.shape[0]);
    }

    /// <summary>As <see cref="Of(string, string, torch.Tensor?, bool)"/>, but an absent member (null) counts nowhere.</summary>
    public static BatchMember OfOptional(string task, string member, torch.Tensor? value, bool isInput = false)
        => value is null ? new BatchMember(task, member, -1) : Of(task, member, value, isInput);

    /// <summary>Reads the number of examples of a nested batch record.</summary>
    public static BatchMember Of<TBatch>(string task, string member, TBatch? value, bool isInput = false) where TBatch : class, IBatch<TBatch>
    {
        if (value is null)
            throw new TaskDataException(task, member, "the value is missing (null).", isInput);
        return new BatchMember(task, member, value.Count);
    }

    /// <summary>
    /// Checks that every member of <paramref name="batch"/> is present and has the same number of
    /// examples. Steps call it first, so a mismatched batch fails with the member's name even when a
    /// custom loss would silently broadcast it.
    /// </summary>
    public static void Check<TBatch>(TBatch batch) where TBatch : class, IBatch<TBatch>
        => _ = (batch ?? throw new ArgumentNullException(nameof(batch))).Count;

    /// <summary>The number of examples the present members share; throws naming the first member that disagrees.</summary>
    public static long CommonCount(params ReadOnlySpan<BatchMember> members)
    {
        BatchMember? first = null;
        foreach (var member in members)
        {
            if (member.Count < 0)
                continue;
            if (first is null)
            {
                first = member;
                continue;
            }
            if (member.Count != first.Value.Count)
                throw new TaskDataException(member.Task, member.Member,
                    $"has {member.Count} examples but {first.Value.Member} has {first.Value.Count}; every member of a batch needs the same number of examples.");
        }
        return first?.Count ?? 0;
    }

    /// <summary>The examples of a tensor member at <paramref name="indices"/>.</summary>
    public static torch.Tensor Index(string task, string member, torch.Tensor? value, torch.Tensor indices, bool isInput = false)
    {
        var present = value ?? throw new TaskDataException(task, member, "the tensor is missing (null).", isInput);
        return present.index_select(0, indices.device == present.device ? indices : indices.to(present.device));
    }

    /// <summary>As <see cref="Index(string, string, torch.Tensor?, torch.Tensor, bool)"/>; an absent member stays absent.</summary>
    public static torch.Tensor? IndexOptional(string task, string member, torch.Tensor? value, torch.Tensor indices, bool isInput = false)
        => value is null ? null : Index(task, member, value, indices, isInput);

    /// <summary>The examples of a nested batch record at <paramref name="indices"/>.</summary>
    public static TBatch Index<TBatch>(string task, string member, TBatch? value, torch.Tensor indices, bool isInput = false) where TBatch : class, IBatch<TBatch>
        => (value ?? throw new TaskDataException(task, member, "the value is missing (null).", isInput)).Index(indices);

    /// <summary>A tensor member on <paramref name="device"/> (the same tensor when it is already there).</summary>
    public static torch.Tensor To(string task, string member, torch.Tensor? value, torch.Device device, bool isInput = false)
    {
        var present = value ?? throw new TaskDataException(task, member, "the tensor is missing (null).", isInput);
        return present.device == device ? present : present.to(device);
    }

    /// <summary>As <see cref="To(string, string, torch.Tensor?, torch.Device, bool)"/>; an absent member stays absent.</summary>
    public static torch.Tensor? ToOptional(string task, string member, torch.Tensor? value, torch.Device device, bool isInput = false)
        => value is null ? null : To(task, member, value, device, isInput);

    /// <summary>A nested batch record on <paramref name="device"/>.</summary>
    public static TBatch To<TBatch>(string task, string member, TBatch? value, torch.Device device, bool isInput = false) where TBatch : class, IBatch<TBatch>
        => (value ?? throw new TaskDataException(task, member, "the value is missing (null).", isInput)).To(device);
}
