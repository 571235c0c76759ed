namespace MultiTaskSharp;

internal static class Ratio
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, NaN when there is nothing to divide by (never 0).</summary>
    public static double Of(double numerator, double denominator) => denominator == 0 ? double.NaN : numerator / denominator;
}
