using System;

namespace MultiTaskSharp.Distributed;

/// <summary>
/// Whether this process was started by <c>mpirun</c>, and as which rank of how many, read from the launcher's
/// environment variables only (MPI itself is not loaded). A data source that reads its own share of the files (a
/// streaming source) takes <see cref="Rank"/> and <see cref="Size"/>; <see cref="MpiDataParallel.FromEnvironment"/>
/// gives the same pair as <see cref="ProcessGroup.Rank"/> and <see cref="ProcessGroup.Size"/>.
/// </summary>
public static class MpiLaunch
{
    /// <summary>This process's rank (0 when not launched by mpirun).</summary>
    public static int Rank => Read("OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK") ?? 0;

    /// <summary>The number of processes mpirun started (1 when not launched by mpirun).</summary>
    public static int Size => Read("OMPI_COMM_WORLD_SIZE", "PMI_SIZE") ?? 1;

    /// <summary>Whether this process was started by mpirun (Open MPI's, or a PMI launcher's variables are set).</summary>
    public static bool IsLaunched => Read("OMPI_COMM_WORLD_SIZE", "PMI_SIZE") is not null || Read("PMIX_RANK") is not null;

    private static int? Read(params string[] names)
    {
        foreach (var name in names)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } text && int.TryParse(text, out int value))
                return value;
        }
        return null;
    }
}
