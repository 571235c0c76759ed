using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp.Runtime.Tests.Weighting.Strategies;

/// <summary>Every strategy of the runtime, by name, as the training and state tests build them.</summary>
public static class Strategies
{
    public static readonly IReadOnlyDictionary<string, Func<LossWeighting>> All = new Dictionary<string, Func<LossWeighting>>
    {
        ["EW"] = () => new EW(),
        ["ScheduledLossWeights"] = () => new ScheduledLossWeights((epoch, step) => [1.0, 0.5 + 0.1 * (step % 5)]),
        ["UW"] = () => new UW(),
        ["DWA"] = () => new DWA(),
        ["RLW"] = () => new RLW(seed: 3),
        ["GLS"] = () => new GLS(),
        ["FAMO"] = () => new FAMO(),
        ["GradNorm"] = () => new GradNorm(),
        ["GradNormAtRepresentation"] = () => new GradNorm { Gradients = GradientSource.Representation },
        ["MGDA"] = () => new MGDA(),
        ["MgdaAtRepresentation"] = () => new MGDA { Gradients = GradientSource.Representation },   // MGDA-UB
        ["PCGrad"] = () => new PCGrad(seed: 3),
        ["CAGrad"] = () => new CAGrad(),
        ["IMTLG"] = () => new IMTLG(),
        ["ImtlGAtRepresentation"] = () => new IMTLG { Gradients = GradientSource.Representation },
        ["AlignedMTL"] = () => new AlignedMTL(),
        ["AlignedMtlAtRepresentation"] = () => new AlignedMTL { Gradients = GradientSource.Representation },
        ["NashMTL"] = () => new NashMTL(),
        ["STCH"] = () => new STCH(warmupEpochs: 1),
        ["IMTL"] = () => new IMTL(),
        ["IMTLAtRepresentation"] = () => new IMTL { Gradients = GradientSource.Representation },
        ["GradVac"] = () => new GradVac(beta: 0.5, seed: 3),
        ["RGW"] = () => new RGW(seed: 3),
        ["RGWAtRepresentation"] = () => new RGW(seed: 3) { Gradients = GradientSource.Representation },
        ["FairGrad"] = () => new FairGrad(),
        ["UPGrad"] = () => new UPGrad(),
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
