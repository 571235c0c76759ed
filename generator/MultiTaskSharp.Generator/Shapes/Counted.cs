using System.Globalization;

namespace MultiTaskSharp.Generator.Shapes;

/// <summary>"1 input channel", "3 input channels": messages read as sentences.</summary>
internal static class Counted
{
    public static string Of(long count, string noun)
        => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
