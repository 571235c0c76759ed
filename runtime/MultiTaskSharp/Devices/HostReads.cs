using System.ComponentModel;
using System.Linq;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// Every copy from the device to the host that the training and evaluation loops make goes through here, so that it
/// is counted (benchmarks and tests check that a step makes one read) and written once. It sits with the devices,
/// below every other folder: losses, metrics, strategies, relationships and training all read values back.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HostReads
{
    private static long _count;

    /// <summary>The number of host reads made so far in this process.</summary>
    public static long Count => Interlocked.Read(ref _count);

    internal static void Add() => Interlocked.Increment(ref _count);

    /// <summary>One read: the tensor's values as float64 on the host.</summary>
    internal static double[] Values(Tensor values)
    {
        Add();
        using var host = values.to_type(ScalarType.Float64).cpu();
        return host.data<double>().ToArray();
    }

    /// <summary>One read: a bool tensor's values on the host.</summary>
    internal static bool[] Flags(Tensor flags)
    {
        Add();
        using var host = flags.cpu();
        return host.data<bool>().ToArray();
    }
}
