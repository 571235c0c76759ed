using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace MultiTaskSharp.Distributed.Tests;

/// <summary>Runs a built program of the repository under <c>mpirun</c> (or alone), with a timeout.</summary>
internal static class MpiRun
{
    public sealed record Outcome(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>The path of a program built beside this test assembly (tests/&lt;project&gt; or samples/&lt;project&gt;).</summary>
    public static string Program(string folder, string project)
    {
        // This assembly runs from tests/MultiTaskSharp.Distributed.Tests/bin/<Configuration>/net10.0.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, folder, project, "bin", configuration, "net10.0", project + ".dll");
    }

    /// <summary>Runs <paramref name="program"/> on <paramref name="ranks"/> processes (0: without mpirun).</summary>
    public static Outcome Run(int ranks, TimeSpan timeout, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(ranks > 0 ? "mpirun" : "dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        if (ranks > 0)
        {
            // CI runs as root; --oversubscribe lets 2 ranks start on a machine Open MPI counts fewer slots on.
            foreach (var flag in new[] { "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" })
                start.ArgumentList.Add(flag);
            start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
            start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        }
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }
        process.WaitForExit();
        Task.WaitAll(output, error);
        return new Outcome(process.ExitCode, output.Result + error.Result, clock.Elapsed);
    }
}
