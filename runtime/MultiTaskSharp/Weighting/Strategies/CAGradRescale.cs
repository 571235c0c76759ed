namespace MultiTaskSharp;

/// <summary>
/// How CAGrad divides its direction <c>d = g0 + λ g_w</c> (the reference's <c>rescale</c> argument; the
/// numeric values are the reference's codes).
/// </summary>
public enum CAGradRescale
{
    /// <summary>0: <c>d</c> as it is (the paper's Algorithm 1).</summary>
    None = 0,

    /// <summary>1: <c>d / (1 + c²)</c>, the reference's default for NYUv2 and LibMTL's default.</summary>
    OnePlusCSquared = 1,

    /// <summary>2: <c>d / (1 + c)</c>, the reference's other setting (its toy example).</summary>
    OnePlusC = 2,
}
