using System;
using System.Linq;
using MultiTaskSharp.Runtime.Tests.Weighting.Strategies;
using Xunit;
using static MultiTaskSharp.Runtime.Tests.Weighting.Strategies.Vectors;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Base;

#pragma warning disable CS0618 // the obsolete names are what these tests exercise

/// <summary>The strategies' names before the papers' short names: still usable for one release, and the same strategies.</summary>
public sealed class ObsoleteNameTests
{
    public static TheoryData<Type, Type> Renames => new()
    {
        { typeof(EqualWeighting), typeof(EW) },
        { typeof(UncertaintyWeighting), typeof(UW) },
        { typeof(DynamicWeightAverage), typeof(DWA) },
        { typeof(RandomLossWeighting), typeof(RLW) },
        { typeof(GeometricLossStrategy), typeof(GLS) },
        { typeof(Famo), typeof(FAMO) },
        { typeof(Mgda), typeof(MGDA) },
        { typeof(ImtlG), typeof(IMTLG) },
        { typeof(AlignedMtl), typeof(AlignedMTL) },
        { typeof(NashMtl), typeof(NashMTL) },
    };

    [Theory]
    [MemberData(nameof(Renames))]
    public void Each_old_name_is_the_new_strategy_and_says_which_name_to_use(Type old, Type renamed)
    {
        Assert.True(old.IsSubclassOf(renamed));
        var obsolete = (ObsoleteAttribute)Attribute.GetCustomAttribute(old, typeof(ObsoleteAttribute))!;
        Assert.False(obsolete.IsError);
        Assert.StartsWith($"Use {renamed.Name} ", obsolete.Message);
        // Same constructors (parameter lists), so every old call site still compiles.
        var oldSignatures = old.GetConstructors().Select(c => string.Join(",", c.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name)));
        var newSignatures = renamed.GetConstructors().Select(c => string.Join(",", c.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name)));
        Assert.Equal(newSignatures.OrderBy(s => s), oldSignatures.OrderBy(s => s));
    }

    [Fact]
    public void An_old_name_trains_exactly_as_the_new_one()
    {
        double[][] g = [[1, 2], [3, -1]];
        var oldProblem = new LinearTasks(g);
        var newProblem = new LinearTasks(g);
        oldProblem.Attach(new Mgda()).Backward(oldProblem.Step([1, 2]));
        newProblem.Attach(new MGDA()).Backward(newProblem.Step([1, 2]));
        Close(newProblem.SharedGradient(), oldProblem.SharedGradient(), 0, "MGDA direction");

        var oldUw = new LinearTasks(g);
        var newUw = new LinearTasks(g);
        var a = oldUw.Attach(new UncertaintyWeighting([0.1, 0.2]));
        var b = newUw.Attach(new UW([0.1, 0.2]));
        a.Backward(oldUw.Step([1, 2]));
        b.Backward(newUw.Step([1, 2]));
        Close(b.EffectiveWeights().ToArray(), a.EffectiveWeights().ToArray(), 0, "UW weights");
        Assert.Equal(b.state_dict().Keys.OrderBy(k => k), a.state_dict().Keys.OrderBy(k => k));
    }
}
