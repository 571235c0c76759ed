using System;
using System.Collections.Generic;
using System.Linq;
using MultiTaskSharp.Weighting;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>Every strategy of the runtime, by name, as the training and state tests build them.</summary>
public static class Strategies
{
    public static readonly IReadOnlyDictionary<string, Func<LossWeighting>> All = new Dictionary<string, Func<LossWeighting>>
    {
        ["EqualWeighting"] = () => new EqualWeighting(),
        ["ScheduledLossWeights"] = () => new ScheduledLossWeights((epoch, step) => [1.0, 0.5 + 0.1 * (step % 5)]),
        ["UncertaintyWeighting"] = () => new UncertaintyWeighting(),
        ["DynamicWeightAverage"] = () => new DynamicWeightAverage(),
        ["RandomLossWeighting"] = () => new RandomLossWeighting(seed: 3),
        ["GeometricLossStrategy"] = () => new GeometricLossStrategy(),
        ["Famo"] = () => new Famo(),
        ["GradNorm"] = () => new GradNorm(),
        ["GradNormAtRepresentation"] = () => new GradNorm { Gradients = GradientSource.Representation },
        ["Mgda"] = () => new Mgda(),
        ["MgdaAtRepresentation"] = () => new Mgda { Gradients = GradientSource.Representation },   // MGDA-UB
        ["PCGrad"] = () => new PCGrad(seed: 3),
        ["CAGrad"] = () => new CAGrad(),
        ["ImtlG"] = () => new ImtlG(),
        ["ImtlGAtRepresentation"] = () => new ImtlG { Gradients = GradientSource.Representation },
        ["AlignedMtl"] = () => new AlignedMtl(),
        ["AlignedMtlAtRepresentation"] = () => new AlignedMtl { Gradients = GradientSource.Representation },
        ["NashMtl"] = () => new NashMtl(),
    };

    public static TheoryDataOf Names(params string[] except) => new(All.Keys.Except(except));

    public sealed class TheoryDataOf : Xunit.TheoryData<string>
    {
        public TheoryDataOf(IEnumerable<string> names)
        {
            foreach (var name in names)
                Add(name);
        }
    }
}
