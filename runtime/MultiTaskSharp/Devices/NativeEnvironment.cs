using System;
using System.Runtime.InteropServices;

namespace MultiTaskSharp;

/// <summary>
/// Settings libtorch reads from the process environment when it loads. They must be applied before
/// the first <c>torch</c> call: call these at the start of <c>Main</c>.
/// </summary>
/// <remarks>
/// .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the native
/// environment on Linux and macOS, which is where libtorch's oneDNN and OpenMP read them, hence
/// <c>setenv</c>. A value the user already exported always wins.
/// </remarks>
public static class NativeEnvironment
{
    /// <summary>
    /// Limits oneDNN's CPU kernels to the AVX instruction set (<c>ONEDNN_MAX_CPU_ISA=AVX</c>). On an AVX-512
    /// host (AMD EPYC), libtorch 2.10's newer kernels (i) computed LSTM inference without gradients
    /// differently from the training path, by up to 0.26, and (ii) returned wrong, sometimes NaN, input
    /// gradients for 3×3 convolutions with few output channels. Limiting to AVX2 fixed (i) but not (ii);
    /// AVX fixed both, at no measurable cost on the benchmark model. No effect on GPUs.
    /// </summary>
    public static void LimitCpuKernelsToAvx() => Set("ONEDNN_MAX_CPU_ISA", "AVX");

    /// <summary>Sets OpenMP's thread count (<c>OMP_NUM_THREADS</c>) for libtorch's CPU kernels.</summary>
    public static void SetCpuThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Set("OMP_NUM_THREADS", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Set(string name, string value)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            return;
        if (OperatingSystem.IsWindows())
        {
            // Best effort: this sets the Win32 process environment; a native library that reads the C
            // runtime's start-up copy of the environment will not see it. Export the variable to be sure.
            Environment.SetEnvironmentVariable(name, value);
            return;
        }
        if (SetEnv(name, value, overwrite: 0) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        Environment.SetEnvironmentVariable(name, value);
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
