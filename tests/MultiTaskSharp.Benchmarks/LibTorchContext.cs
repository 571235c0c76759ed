using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MultiTaskSharp.Benchmarks;

/// <summary>
/// Two process-wide libtorch switches TorchSharp does not expose, called through libtorch_cpu's exported C++ symbols
/// (Itanium ABI: Linux and macOS; a member function takes <c>this</c> first): <c>at::globalContext()
/// .setUserEnabledMkldnn(bool)</c> (PyTorch's <c>torch.backends.mkldnn.enabled</c>) and <c>setFlushDenormal(bool)</c>
/// (<c>torch.set_flush_denormal</c>). For measuring only: the layer table compares them with the same switches in
/// the PyTorch peer.
/// </summary>
internal static unsafe class LibTorchContext
{
    private static readonly IntPtr Library = Load();

    public static bool Available => Library != IntPtr.Zero;

    /// <summary>Whether convolutions may use oneDNN (mkldnn); libtorch's default is true.</summary>
    public static void SetOneDnnEnabled(bool enabled)
        => ((delegate* unmanaged<IntPtr, byte, void>)Export("_ZN2at7Context20setUserEnabledMkldnnEb"))(Context(), enabled ? (byte)1 : (byte)0);

    /// <summary>Flush denormals to zero on the calling thread (libtorch's own switch; false where unsupported).</summary>
    public static bool SetFlushDenormal(bool enabled)
        => ((delegate* unmanaged<IntPtr, byte, byte>)Export("_ZN2at7Context16setFlushDenormalEb"))(Context(), enabled ? (byte)1 : (byte)0) != 0;

    private static IntPtr Context() => ((delegate* unmanaged<IntPtr>)Export("_ZN2at13globalContextEv"))();

    private static IntPtr Export(string symbol)
        => Available ? NativeLibrary.GetExport(Library, symbol) : throw new PlatformNotSupportedException("libtorch_cpu's C++ symbols are only looked up on Linux and macOS.");

    private static IntPtr Load()
    {
        if (OperatingSystem.IsWindows())
            return IntPtr.Zero;
        _ = torch.get_num_threads(); // TorchSharp loads libtorch on first use; the library is then found by name
        return NativeLibrary.TryLoad(OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so", out var handle) ? handle : IntPtr.Zero;
    }
}
