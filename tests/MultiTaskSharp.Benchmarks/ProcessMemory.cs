using System;
using System.IO;
using System.Linq;

namespace MultiTaskSharp.Benchmarks;

/// <summary>Resident memory of this process from /proc (Linux), including libtorch's native allocations.</summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS) in MiB, or NaN where /proc is not available.</summary>
    public static double ResidentMiB() => Read("VmRSS:");

    /// <summary>Peak resident set (VmHWM) in MiB since the start or the last <see cref="ResetPeak"/>.</summary>
    public static double PeakResidentMiB() => Read("VmHWM:");

    /// <summary>Restarts the peak at the current resident set (writes 5 to /proc/self/clear_refs); false if not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Minor page faults of this process so far (/proc/self/stat field 10): fresh pages the allocator touched.</summary>
    public static long MinorFaults()
    {
        if (!File.Exists("/proc/self/stat"))
            return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        // "pid (comm) state ppid …": comm may hold spaces, so count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg), to label figures taken on a busy machine.</summary>
    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Read(string field)
    {
        if (!File.Exists("/proc/self/status"))
            return double.NaN;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        // "VmRSS:	  123456 kB"
        return line is null ? double.NaN : long.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
