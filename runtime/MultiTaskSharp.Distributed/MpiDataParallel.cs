using System;

namespace MultiTaskSharp.Distributed;

/// <summary>
/// Data-parallel training over MPI: <c>new FitOptions { DataParallel = MpiDataParallel.FromEnvironment() }</c> makes
/// <c>mpirun -np N dotnet app.dll</c> train one model on N processes; the same program started without mpirun gets
/// null, trains in one process exactly as before, and never loads MPI.
/// </summary>
public static class MpiDataParallel
{
    private static readonly object Gate = new();
    private static MpiProcessGroup? _world;

    /// <summary>
    /// The group of every process mpirun started (MPI is initialised on the first call, and finalised when the process
    /// exits), or null when this process was not started by mpirun.
    /// </summary>
    /// <param name="collectiveTimeout">How long a collective operation may wait for the other processes before this
    /// process stops them all (a process that hangs or was stopped; one that dies or throws stops the job at once).
    /// Default 10 minutes: longer than any step and evaluation, so only a hang reaches it.</param>
    public static ProcessGroup? FromEnvironment(TimeSpan? collectiveTimeout = null)
        => MpiLaunch.IsLaunched ? World(collectiveTimeout) : null;

    /// <summary>The group of every process of this MPI job (initialising MPI on the first call); a group of one without mpirun.</summary>
    public static ProcessGroup World(TimeSpan? collectiveTimeout = null)
    {
        lock (Gate)
        {
            if (_world is null)
                _world = MpiProcessGroup.Initialize(collectiveTimeout ?? TimeSpan.FromMinutes(10));
            else if (collectiveTimeout is { } timeout)
                _world.Timeout = timeout;
            return _world;
        }
    }
}
