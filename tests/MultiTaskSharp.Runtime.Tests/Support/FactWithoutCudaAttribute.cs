using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Support;

/// <summary>A fact about machines without a usable CUDA backend; skipped where CUDA works.</summary>
public sealed class FactWithoutCudaAttribute : FactAttribute
{
    public FactWithoutCudaAttribute()
    {
        if (TorchDevices.CudaAvailable)
            Skip = "CUDA is available on this machine.";
    }
}
