using TorchSharp;

namespace MultiTaskSharp;

/// <summary>Seeding for reproducible runs.</summary>
public static class Reproducibility
{
    /// <summary>
    /// Seeds libtorch's CPU and CUDA generators, which drive parameter initialisation, dropout and
    /// random tensors. Call it before building the model. Bit-exact results across machines are not
    /// promised (thread counts and kernels differ), runs on one machine repeat.
    /// </summary>
    public static void Seed(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }
}
