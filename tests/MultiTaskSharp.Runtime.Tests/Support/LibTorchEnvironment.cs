using System.Runtime.CompilerServices;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>
/// Configures libtorch for this test process through its native environment, before libtorch is loaded.
/// Values already set by the caller win (e.g. <c>ONEDNN_MAX_CPU_ISA=ALL</c> reproduces the problem below).
/// </summary>
/// <remarks>
/// <para><c>ONEDNN_MAX_CPU_ISA=AVX</c> (<see cref="NativeEnvironment.LimitCpuKernelsToAvx"/>): on AVX-512 hosts such
/// as the AMD EPYC CI machine, TorchSharp 0.107's oneDNN kernels compute LSTM inference (no_grad) differently
/// from the training path and return wrong, sometimes NaN, input gradients for small 3×3 convolutions.
/// <see cref="Devices.LibTorchHostTests"/> guards both.</para>
/// <para><c>OMP_NUM_THREADS=1</c>: the test tensors are tiny, and on a busy 2-core machine OpenMP's
/// spinning threads made the training tests 10–30× slower than one thread.</para>
/// <para>The variables must reach the native environment (Environment.SetEnvironmentVariable does not
/// reach getenv on Linux) before libgomp and oneDNN read them: the runtime's NativeEnvironment uses setenv,
/// called from a module initializer so it runs before any test.</para>
/// </remarks>
internal static class LibTorchEnvironment
{
#pragma warning disable CA2255 // A test process, not a library: this must run before any test touches libtorch.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        NativeEnvironment.LimitCpuKernelsToAvx();
        NativeEnvironment.SetCpuThreads(1);
    }
}
