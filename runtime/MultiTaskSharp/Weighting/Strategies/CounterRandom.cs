using System;

namespace MultiTaskSharp;

/// <summary>
/// Counter-based random numbers: each value is a pure function of (seed, step, index), built from SplitMix64's
/// output function (Steele, Lea &amp; Flood, "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014). A
/// stochastic strategy keeps only its step counter as state, so a run restored from a checkpoint draws exactly the
/// numbers the original would have drawn next.
/// </summary>
/// <remarks>
/// Hand-written because neither System.Random nor libtorch offers a generator whose state is a plain counter: their
/// states are opaque (System.Random) or device-specific and not part of a module's <c>state_dict</c> (libtorch).
/// </remarks>
internal static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>64 random bits for (seed, step, index).</summary>
    public static ulong Bits(long seed, long step, long index)
    {
        unchecked
        {
            return Mix(Mix((ulong)seed + Golden * ((ulong)step + 1)) + Golden * ((ulong)index + 1));
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public static double Uniform(long seed, long step, long index) => (Bits(seed, step, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller on two uniforms), the <paramref name="index"/>-th of the step.</summary>
    public static double Normal(long seed, long step, long index)
    {
        double u1 = 1.0 - Uniform(seed, step, 2 * index);   // in (0, 1]: the logarithm stays finite
        double u2 = Uniform(seed, step, 2 * index + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A seed for <see cref="Random"/> derived from (seed, step), for code that takes a <see cref="Random"/>.</summary>
    public static int RandomSeed(long seed, long step) => (int)(Bits(seed, step, long.MaxValue) & int.MaxValue);

    // SplitMix64's output function (Stafford's variant 13 of MurmurHash3's finaliser).
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
