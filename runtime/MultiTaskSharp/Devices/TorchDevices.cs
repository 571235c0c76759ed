using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Chooses where a model runs. CPU is the default; CUDA is used only when asked for, and asking
/// for it on a machine without a usable CUDA backend is an error that says how to get one.
/// </summary>
public static class TorchDevices
{
    /// <summary>The CPU.</summary>
    public static torch.Device Cpu => torch.CPU;

    /// <summary>Whether a CUDA device can be used (a CUDA backend package is referenced and a GPU is present).</summary>
    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>The CUDA device <paramref name="index"/>; throws when CUDA cannot be used.</summary>
    public static torch.Device Cuda(int index = 0)
    {
        if (!CudaAvailable)
            throw new InvalidOperationException(
                "CUDA was requested but is not available: torch.cuda.is_available() is false. " +
                "Reference the TorchSharp-cuda-linux (or -windows) backend instead of TorchSharp-cpu " +
                "(in this repository: build with -p:TorchBackend=cuda) and check that a GPU and driver are present.");
        int count = torch.cuda.device_count();
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"CUDA device {index} does not exist; {count} device(s) are available.");
        return new torch.Device(DeviceType.CUDA, index);
    }

    /// <summary>
    /// Parses a device specification: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, or <c>auto</c>
    /// (CUDA when available, otherwise CPU). Case-insensitive.
    /// </summary>
    public static torch.Device Resolve(string? spec)
    {
        var text = (spec ?? "cpu").Trim().ToLowerInvariant();
        if (text is "" or "cpu")
            return Cpu;
        if (text == "auto")
            return CudaAvailable ? Cuda() : Cpu;
        if (text == "cuda")
            return Cuda();
        if (text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), out int index))
            return Cuda(index);
        throw new ArgumentException($"Unknown device '{spec}': use cpu, cuda, cuda:N or auto.", nameof(spec));
    }
}
