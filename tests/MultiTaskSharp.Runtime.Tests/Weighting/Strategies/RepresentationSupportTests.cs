using System;
using System.Linq;
using Xunit;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

public sealed class RepresentationSupportTests
{
    private static readonly Type[] GradientStrategies = typeof(GradientWeighting).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(GradientWeighting)) && !t.IsAbstract && t.IsPublic && !t.IsDefined(typeof(ObsoleteAttribute), inherit: false))
        .ToArray();

    private static GradientWeighting Create(Type type)
    {
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        return (GradientWeighting)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
    }

    [Fact]
    public void Exactly_the_methods_defined_on_representation_gradients_carry_the_attribute()
    {
        var marked = GradientStrategies.Where(t => t.IsDefined(typeof(SupportsRepresentationGradientsAttribute), inherit: true)).Select(t => t.Name).OrderBy(n => n);
        Assert.Equal(["AlignedMTL", "GradNorm", "IMTL", "IMTLG", "MGDA", "RGW"], marked);
        var unmarked = GradientStrategies.Where(t => !t.IsDefined(typeof(SupportsRepresentationGradientsAttribute), inherit: true)).Select(t => t.Name).OrderBy(n => n);
        Assert.Equal(["CAGrad", "FairGrad", "GradVac", "NashMTL", "PCGrad", "UPGrad"], unmarked);
    }

    [Fact]
    public void Every_gradient_strategy_says_what_its_attribute_says()
    {
        Assert.NotEmpty(GradientStrategies);
        foreach (var type in GradientStrategies)
            Assert.True(Create(type).SupportsRepresentationGradients == type.IsDefined(typeof(SupportsRepresentationGradientsAttribute), inherit: true), type.Name);
    }
}
