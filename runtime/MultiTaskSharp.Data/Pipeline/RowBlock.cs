using System;

namespace MultiTaskSharp.Data;

/// <summary>
/// Rows of every mapped member as flat arrays (row-major, <see cref="MemberPlan.Width"/> values per row): what
/// readers decode into, what the shuffle buffer holds and what becomes one batch's tensors. Plain managed arrays, so
/// the reading thread never touches TorchSharp; tensors are made on the consumer's thread, in its dispose scope.
/// </summary>
internal sealed class RowBlock
{
    public RowBlock(BatchPlan plan, int capacity)
    {
        Plan = plan;
        Capacity = capacity;
        var members = plan.Members;
        Floats = new float[]?[members.Length];
        Longs = new long[]?[members.Length];
        for (int m = 0; m < members.Length; m++)
        {
            if (members[m].Type == ElementType.Float32)
                Floats[m] = new float[(long)capacity * members[m].Width];
            else
                Longs[m] = new long[(long)capacity * members[m].Width];
        }
    }

    public BatchPlan Plan { get; }

    public int Capacity { get; }

    /// <summary>Rows filled, from 0.</summary>
    public int Count { get; set; }

    public float[]?[] Floats { get; }

    public long[]?[] Longs { get; }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="target"/> at <paramref name="targetRow"/>.</summary>
    public void CopyRow(int row, RowBlock target, int targetRow)
    {
        var members = Plan.Members;
        for (int m = 0; m < members.Length; m++)
        {
            int w = members[m].Width;
            if (Floats[m] is { } f)
                Array.Copy(f, (long)row * w, target.Floats[m]!, (long)targetRow * w, w);
            else
                Array.Copy(Longs[m]!, (long)row * w, target.Longs[m]!, (long)targetRow * w, w);
        }
    }

    /// <summary>A block of exactly <see cref="Count"/> rows (the last, smaller batch of a pass).</summary>
    public RowBlock Trimmed()
    {
        if (Count == Capacity)
            return this;
        var trimmed = new RowBlock(Plan, Count);
        for (int r = 0; r < Count; r++)
            CopyRow(r, trimmed, r);
        trimmed.Count = Count;
        return trimmed;
    }
}
