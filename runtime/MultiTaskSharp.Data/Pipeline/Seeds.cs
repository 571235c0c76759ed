namespace MultiTaskSharp.Data;

/// <summary>Seeds for the epoch's unit order and each rank's shuffle buffer, so distinct inputs do not collide.</summary>
internal static class Seeds
{
    // SplitMix64 finaliser over the combined values (as TensorBatches does for its epochs).
    public static int Of(long seed, int epoch, int stream)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch * 0xD1B54A32D192ED03UL + (ulong)stream + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }
}
