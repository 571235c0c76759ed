using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using MultiTaskSharp.Distributed.Native;

namespace MultiTaskSharp.Distributed;

/// <summary>
/// <c>MPI_COMM_WORLD</c> of Open MPI as a <see cref="ProcessGroup"/>, with a watchdog: a collective operation that has
/// waited longer than <see cref="Timeout"/> stops the whole job with an error naming the process and the operation.
/// </summary>
/// <remarks>
/// A process that throws inside <c>Fit</c> calls <see cref="Abort"/> (MPI_Abort); a process that dies makes mpirun
/// end the job; the watchdog covers the remaining case, a process that stops making progress. It runs on its own
/// thread, which is why MPI is initialised with MPI_THREAD_MULTIPLE (when the library offers less, the watchdog ends
/// the process instead of calling MPI_Abort, and mpirun then stops the others).
/// </remarks>
internal sealed class MpiProcessGroup : ProcessGroup
{
    private readonly OpenMpi _mpi;
    private readonly bool _threadMultiple;
    private readonly Thread _watchdog;
    private long _started = -1; // Stopwatch timestamp of the collective in progress, or -1
    private string _operation = "";
    private int _aborting;

    private MpiProcessGroup(OpenMpi mpi, bool threadMultiple, TimeSpan timeout)
    {
        _mpi = mpi;
        _threadMultiple = threadMultiple;
        Timeout = timeout;
        Rank = mpi.Rank();
        Size = mpi.Size();
        _watchdog = new Thread(Watch) { IsBackground = true, Name = "MPI collective watchdog" };
        _watchdog.Start();
    }

    public override int Rank { get; }

    public override int Size { get; }

    /// <summary>How long a collective may wait before the job is stopped.</summary>
    public TimeSpan Timeout { get; set; }

    public static MpiProcessGroup Initialize(TimeSpan timeout)
    {
        var mpi = OpenMpi.Load();
        mpi.InitThread(out int provided);
        var group = new MpiProcessGroup(mpi, provided >= OpenMpi.ThreadMultiple, timeout);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Volatile.Read(ref group._aborting) == 0 && !mpi.Finalized)
                mpi.Shutdown();
        };
        return group;
    }

    protected override void AllReduceCore(IntPtr buffer, int count, CollectiveElement type, ReduceOperation operation)
    {
        var datatype = type == CollectiveElement.Float32 ? _mpi.Float : _mpi.Double;
        var op = operation == ReduceOperation.Sum ? _mpi.Sum : _mpi.Max;
        Guarded($"all-reduce of {count} {type} values", () => _mpi.AllReduceInPlace(buffer, count, datatype, op));
    }

    protected override void BroadcastCore(IntPtr buffer, int bytes, int root)
        => Guarded($"broadcast of {bytes} bytes from process {root}", () => _mpi.Broadcast(buffer, bytes, root));

    [DoesNotReturn]
    public override void Abort(string message, int exitCode = 1)
    {
        if (Interlocked.Exchange(ref _aborting, 1) == 0)
        {
            Console.Error.WriteLine(message);
            Console.Error.Flush();
            _mpi.Abort(exitCode);
        }
        // MPI_Abort does not return in Open MPI; should it, or should a second thread get here, end this process.
        Environment.Exit(exitCode);
        throw new UnreachableException();
    }

    private void Guarded(string operation, Action call)
    {
        _operation = operation;
        Volatile.Write(ref _started, Stopwatch.GetTimestamp());
        try
        {
            call();
        }
        finally
        {
            Volatile.Write(ref _started, -1);
        }
    }

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Clamp(Timeout.TotalMilliseconds / 10, 50, 5000)));
            long started = Volatile.Read(ref _started);
            if (started < 0 || Stopwatch.GetElapsedTime(started) < Timeout)
                continue;
            string message = $"Data-parallel training stopped: process {Rank} of {Size} waited {Timeout.TotalSeconds:0.#} s in an MPI {_operation} " +
                "for the other processes (one of them hangs, or stopped without an error); stopping every process. " +
                "If steps legitimately take longer, raise the timeout: MpiDataParallel.FromEnvironment(collectiveTimeout: ...).";
            if (_threadMultiple)
                Abort(message, 3);
            Console.Error.WriteLine(message);
            Console.Error.Flush();
            Environment.FailFast(message);
        }
    }
}
