using System;
using System.Linq;
using Xunit;
using GeneratorLossKind = MultiTaskSharp.Generator.Model.LossKind;
using GeneratorMetricKind = MultiTaskSharp.Generator.Model.MetricKind;

namespace MultiTaskSharp.Generator.Tests;

/// <summary>
/// The generator cannot reference the runtime (it loads into the compiler), so it mirrors LossKind and
/// MetricKind: it reads attribute arguments as raw numbers and writes the names into generated code.
/// A mirror that drifts would silently pick the wrong loss, so names and values must match exactly.
/// </summary>
public sealed class MirrorEnumTests
{
    [Fact]
    public void LossKind_mirror_matches_the_runtime() => AssertSameMembers(typeof(GeneratorLossKind), typeof(MultiTaskSharp.LossKind));

    [Fact]
    public void MetricKind_mirror_matches_the_runtime() => AssertSameMembers(typeof(GeneratorMetricKind), typeof(MultiTaskSharp.MetricKind));

    [Fact]
    public void MetricKind_mirror_is_flags_like_the_runtime()
        => Assert.Equal(
            typeof(MultiTaskSharp.MetricKind).IsDefined(typeof(FlagsAttribute), false),
            typeof(GeneratorMetricKind).IsDefined(typeof(FlagsAttribute), false));

    private static void AssertSameMembers(Type mirror, Type runtime)
    {
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(mirror));
        Assert.Equal(Members(runtime), Members(mirror));
    }

    private static (string Name, long Value)[] Members(Type enumType)
        => Enum.GetNames(enumType)
            .Select(name => (name, Convert.ToInt64(Enum.Parse(enumType, name))))
            .OrderBy(member => member.Item2).ThenBy(member => member.name, StringComparer.Ordinal)
            .ToArray();
}
