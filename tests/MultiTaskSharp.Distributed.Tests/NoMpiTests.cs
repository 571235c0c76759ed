using System;
using System.IO;
using MultiTaskSharp.Distributed;
using Xunit;

namespace MultiTaskSharp.Distributed.Tests;

/// <summary>Without mpirun the package gives no group and never loads MPI, so a program needs no MPI installed.</summary>
public sealed class NoMpiTests
{
    [Fact]
    public void Without_mpirun_there_is_no_group_and_libmpi_is_not_loaded()
    {
        Assert.False(MpiLaunch.IsLaunched); // the test runner is not started by mpirun
        Assert.Null(MpiDataParallel.FromEnvironment());
        Assert.Equal(0, MpiLaunch.Rank);
        Assert.Equal(1, MpiLaunch.Size);
        var maps = File.ReadAllText("/proc/self/maps");
        Assert.DoesNotContain("libmpi", maps, StringComparison.Ordinal);
        Assert.Contains("MultiTaskSharp.Distributed.dll", string.Join('\n', Array.ConvertAll(AppDomain.CurrentDomain.GetAssemblies(), a => a.Location)), StringComparison.Ordinal);
    }
}
