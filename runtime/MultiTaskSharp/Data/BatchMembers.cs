using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>One member of a batch record and its number of examples, for consistency checks.</summary>
/// <param name="Task">The task or input the member belongs to.</param>
/// <param name="Member">The member, for example <c>Targets.Shape</c>.</param>
/// <param name="Count">Its number of examples (the size of its first dimension).</param>
public readonly record struct BatchMember(string Task, string Member, long Count);

/// <summary>
/// The operations generated batch records perform on their members, with errors that name the
/// task and member at fault. Generated code calls these instead of inspecting members by reflection.
/// </summary>
public static class BatchMembers
{
    /// <summary>Reads the number of examples of a tensor member; it must be present and have a batch dimension.</summary>
    public static BatchMember Of(string task, string member, torch.Tensor? value)
    {
        if (value is null)
            throw new TaskDataException(task, member, "the tensor is missing (null).");
        if (value.dim() == 0)
            throw new TaskDataException(task, member, "a scalar has no example dimension; the first dimension must index examples.");
        return new BatchMember(task, member, value.shape[0]);
    }

    /// <summary>Reads the number of examples of a nested batch record.</summary>
    public static BatchMember Of<TBatch>(string task, string member, TBatch? value) where TBatch : class, IBatch<TBatch>
    {
        if (value is null)
            throw new TaskDataException(task, member, "the value is missing (null).");
        return new BatchMember(task, member, value.Count);
    }

    /// <summary>
    /// Checks that every member of <paramref name="batch"/> is present and has the same number of
    /// examples. Steps call it first, so a mismatched batch fails with the member's name even when a
    /// custom loss would silently broadcast it.
    /// </summary>
    public static void Check<TBatch>(TBatch batch) where TBatch : class, IBatch<TBatch>
        => _ = (batch ?? throw new ArgumentNullException(nameof(batch))).Count;

    /// <summary>The number of examples all members share; throws naming the first member that disagrees.</summary>
    public static long CommonCount(params ReadOnlySpan<BatchMember> members)
    {
        if (members.Length == 0)
            return 0;
        var first = members[0];
        foreach (var member in members[1..])
        {
            if (member.Count != first.Count)
                throw new TaskDataException(member.Task, member.Member,
                    $"has {member.Count} examples but {first.Member} has {first.Count}; every member of a batch needs the same number of examples.");
        }
        return first.Count;
    }

    /// <summary>The examples of a tensor member at <paramref name="indices"/>.</summary>
    public static torch.Tensor Index(string task, string member, torch.Tensor? value, torch.Tensor indices)
    {
        var present = value ?? throw new TaskDataException(task, member, "the tensor is missing (null).");
        return present.index_select(0, indices.device == present.device ? indices : indices.to(present.device));
    }

    /// <summary>The examples of a nested batch record at <paramref name="indices"/>.</summary>
    public static TBatch Index<TBatch>(string task, string member, TBatch? value, torch.Tensor indices) where TBatch : class, IBatch<TBatch>
        => (value ?? throw new TaskDataException(task, member, "the value is missing (null).")).Index(indices);

    /// <summary>A tensor member on <paramref name="device"/> (the same tensor when it is already there).</summary>
    public static torch.Tensor To(string task, string member, torch.Tensor? value, torch.Device device)
    {
        var present = value ?? throw new TaskDataException(task, member, "the tensor is missing (null).");
        return present.device == device ? present : present.to(device);
    }

    /// <summary>A nested batch record on <paramref name="device"/>.</summary>
    public static TBatch To<TBatch>(string task, string member, TBatch? value, torch.Device device) where TBatch : class, IBatch<TBatch>
        => (value ?? throw new TaskDataException(task, member, "the value is missing (null).")).To(device);
}
