using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// The Python side of the comparison (benchmarks/pytorch/peer.py) as a long-lived child process: one
/// command per line on its stdin, one reply per line on its stdout. It times its own steps, so the pipe
/// is never part of a figure.
/// </summary>
internal sealed class PyTorchPeer : IDisposable
{
    private readonly Process _process;

    private PyTorchPeer(Process process) => _process = process;

    /// <summary>The interpreter: MTS_PYTHON, else Debian's /usr/bin/python3 (where apt's python3-torch lives).</summary>
    public static string Python => Environment.GetEnvironmentVariable("MTS_PYTHON") ?? "/usr/bin/python3";

    /// <summary>benchmarks/pytorch/peer.py, found by walking up from the benchmark's output directory.</summary>
    public static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "benchmarks", "pytorch", "peer.py");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static PyTorchPeer Start(string script, int threads, System.Collections.Generic.IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        // Debian's torch calls OpenBLAS (pthreads build), which starts its own pool of one thread per core
        // next to torch's OpenMP threads: 2 + 2 threads on 2 cores made a 256×320×50 matmul 6× slower here.
        // One BLAS thread keeps the peer at the thread count it was asked for, as a pip (MKL/OpenMP) build is.
        // MTS_PEER_OPENBLAS_THREADS overrides it, to measure Debian's default.
        start.Environment["OPENBLAS_NUM_THREADS"] = Environment.GetEnvironmentVariable("MTS_PEER_OPENBLAS_THREADS") ?? "1";
        foreach (var (name, value) in environment ?? new System.Collections.Generic.Dictionary<string, string>())
            start.Environment[name] = value;
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} {script}.");
        return new PyTorchPeer(process);
    }

    /// <summary>Builds the model and optimizer on the Python side and warms it up; returns its "ready …" line.</summary>
    public string Setup(string model, string strategy) => Send($"setup {model} {strategy}", expect: "ready");

    /// <summary>Runs <paramref name="steps"/> training steps on the Python side; returns the milliseconds it measured.</summary>
    public double Run(int steps) => RunWithFaults(steps).Milliseconds;

    /// <summary>Runs <paramref name="steps"/> training steps; the milliseconds and the minor page faults the peer measured.</summary>
    public (double Milliseconds, long Faults) RunWithFaults(int steps)
    {
        // "ms 123.4567 faults 89"
        var words = Send(string.Create(CultureInfo.InvariantCulture, $"run {steps}"), expect: "ms").Split(' ');
        return (double.Parse(words[1], CultureInfo.InvariantCulture), long.Parse(words[3], CultureInfo.InvariantCulture));
    }

    /// <summary>One round of the layer table on the Python side (benchmarks/pytorch/layers.py): its JSON.</summary>
    public string Layers(string model, int reps)
        => Send(string.Create(CultureInfo.InvariantCulture, $"layers {model} {reps}"), expect: "layers")["layers ".Length..];

    /// <summary>Changes a libtorch setting in the peer (peer.py's <c>set</c>: mkldnn, flush_denormal, threads).</summary>
    public string Set(string name, string value) => Send($"set {name} {value}", expect: "set");

    private string Send(string command, string expect)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        var reply = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The PyTorch peer exited after '{command}' (exit code {(_process.HasExited ? _process.ExitCode : -1)}); see its stderr above.");
        if (!reply.StartsWith(expect + " ", StringComparison.Ordinal))
            throw new InvalidOperationException($"The PyTorch peer answered '{reply}' to '{command}'; expected '{expect} …'.");
        return reply;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(10_000))
                    _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
