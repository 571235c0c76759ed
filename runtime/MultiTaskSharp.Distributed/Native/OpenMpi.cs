using System;
using System.Runtime.InteropServices;

namespace MultiTaskSharp.Distributed.Native;

/// <summary>
/// The few standard MPI C functions data parallelism needs, bound from Open MPI's <c>libmpi.so.40</c> at run time.
/// </summary>
/// <remarks>
/// <para><b>Why not MPI.NET.</b> MPI.NET 1.4.0 (the served version) binds MS-MPI only: its P/Invokes name
/// <c>msmpi.dll</c> and its handles are MS-MPI's 32-bit integers, whereas Open MPI's communicators, datatypes and
/// operations are pointers to exported globals. Under <c>mpirun</c> with Debian's Open MPI 4.1 on .NET 10 its
/// <c>MPI.Environment</c> fails at once with <c>DllNotFoundException: msmpi.dll</c>, and redirecting the library name
/// would not fix the handle ABI. Ten functions and six handles do not justify another dependency.</para>
/// <para><b>Why dlopen with RTLD_GLOBAL.</b> Open MPI loads its transport components as plugins that resolve symbols
/// of libmpi itself; .NET's <see cref="NativeLibrary.Load(string)"/> opens libraries RTLD_LOCAL, which hides them.</para>
/// <para>Handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>, <c>MPI_SUM</c> …) are, in Open MPI's ABI, the addresses of
/// the exported globals <c>ompi_mpi_comm_world</c>, <c>ompi_mpi_float</c>, <c>ompi_mpi_op_sum</c> …; <c>MPI_IN_PLACE</c>
/// is the address 1. Nothing here is loaded until <see cref="Load"/> is called, so a program that never runs under
/// <c>mpirun</c> needs no MPI installed.</para>
/// </remarks>
internal sealed unsafe class OpenMpi
{
    public const int ThreadMultiple = 3; // MPI_THREAD_MULTIPLE in Open MPI's mpi.h
    public static readonly IntPtr InPlace = 1; // MPI_IN_PLACE in Open MPI's mpi.h

    private const int RtldNow = 2, RtldGlobal = 0x100;

    private readonly delegate* unmanaged<int*, byte***, int, int*, int> _initThread;
    private readonly delegate* unmanaged<int*, int> _initialized;
    private readonly delegate* unmanaged<int*, int> _finalized;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<IntPtr, int*, int> _commRank;
    private readonly delegate* unmanaged<IntPtr, int*, int> _commSize;
    private readonly delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int> _allreduce;
    private readonly delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, int> _bcast;
    private readonly delegate* unmanaged<IntPtr, int> _barrier;
    private readonly delegate* unmanaged<IntPtr, int, int> _abort;

    private OpenMpi(IntPtr library, string name)
    {
        Name = name;
        IntPtr Export(string symbol) => NativeLibrary.TryGetExport(library, symbol, out var address)
            ? address
            : throw new EntryPointNotFoundException($"'{name}' does not export {symbol}: MultiTaskSharp.Distributed needs Open MPI 4 or later (libmpi.so.40).");
        _initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        _initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        _finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _commRank = (delegate* unmanaged<IntPtr, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<IntPtr, int*, int>)Export("MPI_Comm_size");
        _allreduce = (delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int>)Export("MPI_Allreduce");
        _bcast = (delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, int>)Export("MPI_Bcast");
        _barrier = (delegate* unmanaged<IntPtr, int>)Export("MPI_Barrier");
        _abort = (delegate* unmanaged<IntPtr, int, int>)Export("MPI_Abort");
        CommWorld = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Byte = Export("ompi_mpi_byte");
        Sum = Export("ompi_mpi_op_sum");
        Max = Export("ompi_mpi_op_max");
    }

    /// <summary>The library file that was loaded.</summary>
    public string Name { get; }

    public IntPtr CommWorld { get; }
    public IntPtr Float { get; }
    public IntPtr Double { get; }
    public IntPtr Byte { get; }
    public IntPtr Sum { get; }
    public IntPtr Max { get; }

    /// <summary>Loads Open MPI (libmpi.so.40, else libmpi.so), or throws saying what is missing.</summary>
    public static OpenMpi Load()
    {
        string[] names = ["libmpi.so.40", "libmpi.so"];
        foreach (var name in names)
        {
            var handle = dlopen(name, RtldNow | RtldGlobal);
            if (handle != IntPtr.Zero)
                return new OpenMpi(handle, name);
        }
        throw new DllNotFoundException(
            $"Open MPI was not found ({string.Join(", ", names)}): this program runs under mpirun, so it needs Open MPI's library " +
            "(Debian/Ubuntu: apt-get install openmpi-bin). Launched without mpirun, MpiDataParallel.FromEnvironment() returns null and MPI is never loaded.");
    }

    public void InitThread(out int provided)
    {
        int initialized;
        Check(_initialized(&initialized), "MPI_Initialized");
        int p = 0;
        if (initialized == 0)
            Check(_initThread(null, null, ThreadMultiple, &p), "MPI_Init_thread");
        else
            p = ThreadMultiple;
        provided = p;
    }

    public bool Finalized
    {
        get
        {
            int flag;
            Check(_finalized(&flag), "MPI_Finalized");
            return flag != 0;
        }
    }

    public void Shutdown() => Check(_finalize(), "MPI_Finalize");

    public int Rank()
    {
        int rank;
        Check(_commRank(CommWorld, &rank), "MPI_Comm_rank");
        return rank;
    }

    public int Size()
    {
        int size;
        Check(_commSize(CommWorld, &size), "MPI_Comm_size");
        return size;
    }

    public void AllReduceInPlace(IntPtr buffer, int count, IntPtr datatype, IntPtr operation)
        => Check(_allreduce(InPlace, buffer, count, datatype, operation, CommWorld), "MPI_Allreduce");

    public void Broadcast(IntPtr buffer, int count, int root) => Check(_bcast(buffer, count, Byte, root, CommWorld), "MPI_Bcast");

    public void Barrier() => Check(_barrier(CommWorld), "MPI_Barrier");

    public void Abort(int code) => _abort(CommWorld, code);

    // Open MPI's default error handler on MPI_COMM_WORLD aborts the job before returning an error; the check is for
    // a handler changed by the application.
    private static void Check(int code, string function)
    {
        if (code != 0)
            throw new InvalidOperationException($"{function} failed with MPI error code {code}.");
    }

    [DllImport("libc.so.6", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);
}
