using System;
using System.Diagnostics.CodeAnalysis;

namespace MultiTaskSharp;

/// <summary>
/// The processes that train one model together (data parallelism): each holds a full copy of the model, reads its
/// share of every batch, and the group sums what the step needs (task losses, counts, gradients) so every process
/// makes the same update as one process on the whole batch would. Pass one to <see cref="FitOptions.DataParallel"/>.
/// </summary>
/// <remarks>
/// The core package only defines what a group does; the MPI implementation lives in <c>MultiTaskSharp.Distributed</c>
/// (<c>MpiDataParallel.FromEnvironment()</c>), so a program that never trains on several processes never loads MPI.
/// Every member must call the collective operations in the same order with the same sizes: <c>Fit</c> guarantees it.
/// </remarks>
public abstract class ProcessGroup
{
    private long _bytes;

    /// <summary>This process's index in the group, from 0.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of processes in the group.</summary>
    public abstract int Size { get; }

    /// <summary>Whether this is process 0, the one that writes checkpoints, logs and reports progress.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Bytes this process sent into collective operations so far (the payload, not the transport's overhead).</summary>
    public long BytesCommunicated => System.Threading.Interlocked.Read(ref _bytes);

    /// <summary>Replaces the <paramref name="count"/> values at <paramref name="buffer"/> by their element-wise reduction over the group.</summary>
    /// <param name="buffer">Host memory (or device memory, for an implementation that says it accepts it).</param>
    /// <param name="count">The number of elements (at most <see cref="int.MaxValue"/>).</param>
    /// <param name="type">The element type.</param>
    /// <param name="operation">How values are combined.</param>
    protected abstract void AllReduceCore(IntPtr buffer, int count, CollectiveElement type, ReduceOperation operation);

    /// <summary>Replaces the <paramref name="bytes"/> bytes at <paramref name="buffer"/> by process <paramref name="root"/>'s.</summary>
    protected abstract void BroadcastCore(IntPtr buffer, int bytes, int root);

    /// <summary>
    /// Stops every process of the group with <paramref name="message"/> (printed by this process), because going on would
    /// leave the others waiting in a collective operation forever. Never returns.
    /// </summary>
    [DoesNotReturn]
    public abstract void Abort(string message, int exitCode = 1);

    /// <summary>Whether collectives accept device (CUDA) memory directly; when false, device tensors are staged through the host.</summary>
    public virtual bool AcceptsDeviceMemory => false;

    /// <summary>Element-wise reduction of <paramref name="count"/> values over the group, in place.</summary>
    public void AllReduce(IntPtr buffer, int count, CollectiveElement type, ReduceOperation operation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return;
        System.Threading.Interlocked.Add(ref _bytes, (long)count * Width(type));
        AllReduceCore(buffer, count, type, operation);
    }

    /// <summary>Process <paramref name="root"/>'s <paramref name="bytes"/> bytes, on every process, in place.</summary>
    public void Broadcast(IntPtr buffer, int bytes, int root = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes == 0)
            return;
        if (Rank == root)
            System.Threading.Interlocked.Add(ref _bytes, bytes);
        BroadcastCore(buffer, bytes, root);
    }

    /// <summary>The sum over the group of <paramref name="values"/>, in place.</summary>
    public unsafe void AllReduce(Span<double> values, ReduceOperation operation = ReduceOperation.Sum)
    {
        fixed (double* pointer = values)
            AllReduce((IntPtr)pointer, values.Length, CollectiveElement.Float64, operation);
    }

    /// <summary>Process <paramref name="root"/>'s <paramref name="bytes"/>, on every process, in place.</summary>
    public unsafe void Broadcast(Span<byte> bytes, int root = 0)
    {
        fixed (byte* pointer = bytes)
            Broadcast((IntPtr)pointer, bytes.Length, root);
    }

    /// <summary>Process <paramref name="root"/>'s byte array (any length) on every process.</summary>
    public byte[] Broadcast(byte[]? bytes, int root = 0)
    {
        Span<double> length = [Rank == root ? (bytes ?? throw new ArgumentNullException(nameof(bytes))).Length : 0];
        // One collective for the length: a broadcast of 8 bytes from the root.
        var lengthBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(length);
        Broadcast(lengthBytes, root);
        var result = Rank == root ? bytes! : new byte[(int)length[0]];
        Broadcast(result.AsSpan(), root);
        return result;
    }

    private static int Width(CollectiveElement type) => type switch
    {
        CollectiveElement.Float32 => 4,
        CollectiveElement.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };
}

/// <summary>The element types a <see cref="ProcessGroup"/> reduces.</summary>
public enum CollectiveElement
{
    /// <summary>32-bit floating point (gradients).</summary>
    Float32,

    /// <summary>64-bit floating point (losses, counts, metric sums; integers are exact up to 2^53).</summary>
    Float64,
}

/// <summary>How a <see cref="ProcessGroup"/> combines the values of its processes.</summary>
public enum ReduceOperation
{
    /// <summary>The sum.</summary>
    Sum,

    /// <summary>The largest value.</summary>
    Max,
}
