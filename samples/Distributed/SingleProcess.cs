using System;
using System.Diagnostics.CodeAnalysis;
using MultiTaskSharp;

namespace Distributed;

/// <summary>A group of one, for running the sample without mpirun: every collective is the identity.</summary>
public sealed class SingleProcess : ProcessGroup
{
    public static SingleProcess Instance { get; } = new();

    public override int Rank => 0;

    public override int Size => 1;

    protected override void AllReduceCore(IntPtr buffer, int count, CollectiveElement type, ReduceOperation operation)
    {
    }

    protected override void BroadcastCore(IntPtr buffer, int bytes, int root)
    {
    }

    [DoesNotReturn]
    public override void Abort(string message, int exitCode = 1)
    {
        Console.Error.WriteLine(message);
        Environment.Exit(exitCode);
        throw new InvalidOperationException(message);
    }
}
