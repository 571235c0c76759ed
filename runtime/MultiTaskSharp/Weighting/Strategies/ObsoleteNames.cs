using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

// The names the strategies had before they took their papers' short names (LibMTL's spelling), kept for one
// release so that code written against them still compiles (with a warning saying what to write instead). Each is
// the renamed strategy itself: same constructor, behaviour and checkpoint layout.

/// <summary>Obsolete name of <see cref="EW"/>.</summary>
[Obsolete("Use EW (the same strategy under the name LibMTL and the papers use); EqualWeighting will be removed in the next release.", false)]
public sealed class EqualWeighting : EW
{
    /// <summary>Creates <see cref="EW"/>.</summary>
    public EqualWeighting()
    {
    }
}

/// <summary>Obsolete name of <see cref="UW"/>.</summary>
[Obsolete("Use UW (the same strategy under the name LibMTL and the papers use); UncertaintyWeighting will be removed in the next release.", false)]
public sealed class UncertaintyWeighting : UW
{
    /// <summary>Creates <see cref="UW"/>.</summary>
    public UncertaintyWeighting(IReadOnlyList<double>? initialLogVariances = null) : base(initialLogVariances)
    {
    }
}

/// <summary>Obsolete name of <see cref="DWA"/>.</summary>
[Obsolete("Use DWA (the same strategy under the name LibMTL and the papers use); DynamicWeightAverage will be removed in the next release.", false)]
public sealed class DynamicWeightAverage : DWA
{
    /// <summary>Creates <see cref="DWA"/>.</summary>
    public DynamicWeightAverage(double temperature = 2.0) : base(temperature)
    {
    }
}

/// <summary>Obsolete name of <see cref="RLW"/>.</summary>
[Obsolete("Use RLW (the same strategy under the name LibMTL and the papers use); RandomLossWeighting will be removed in the next release.", false)]
public sealed class RandomLossWeighting : RLW
{
    /// <summary>Creates <see cref="RLW"/>.</summary>
    public RandomLossWeighting(long seed = 0) : base(seed)
    {
    }
}

/// <summary>Obsolete name of <see cref="GLS"/>.</summary>
[Obsolete("Use GLS (the same strategy under the name LibMTL and the papers use); GeometricLossStrategy will be removed in the next release.", false)]
public sealed class GeometricLossStrategy : GLS
{
    /// <summary>Creates <see cref="GLS"/>.</summary>
    public GeometricLossStrategy()
    {
    }
}

/// <summary>Obsolete name of <see cref="FAMO"/>.</summary>
[Obsolete("Use FAMO (the same strategy under the name LibMTL and the paper use); Famo will be removed in the next release.", false)]
public sealed class Famo : FAMO
{
    /// <summary>Creates <see cref="FAMO"/>.</summary>
    public Famo(double learningRate = 0.025, double weightDecay = 0.001) : base(learningRate, weightDecay)
    {
    }
}

/// <summary>Obsolete name of <see cref="MGDA"/>.</summary>
[Obsolete("Use MGDA (the same strategy under the name LibMTL and the paper use); Mgda will be removed in the next release.", false)]
public sealed class Mgda : MGDA
{
    /// <summary>Creates <see cref="MGDA"/>.</summary>
    public Mgda(MgdaGradientNormalization normalization = MgdaGradientNormalization.LossPlus, bool applyToNormalizedGradients = false,
        int maxIterations = MgdaMinNormSolver.DefaultMaxIterations, double stopCriterion = MgdaMinNormSolver.DefaultStopCriterion)
        : base(normalization, applyToNormalizedGradients, maxIterations, stopCriterion)
    {
    }
}

/// <summary>Obsolete name of <see cref="IMTLG"/>.</summary>
[Obsolete("Use IMTLG (the same strategy: IMTL-G, the paper's gradient part; IMTL is the paper's full hybrid); ImtlG will be removed in the next release.", false)]
public sealed class ImtlG : IMTLG
{
    /// <summary>Creates <see cref="IMTLG"/>.</summary>
    public ImtlG()
    {
    }
}

/// <summary>Obsolete name of <see cref="AlignedMTL"/>.</summary>
[Obsolete("Use AlignedMTL (the same strategy under the name LibMTL and the paper use); AlignedMtl will be removed in the next release.", false)]
public sealed class AlignedMtl : AlignedMTL
{
    /// <summary>Creates <see cref="AlignedMTL"/>.</summary>
    public AlignedMtl(IReadOnlyList<double>? preferences = null, AlignedMtlScale scale = AlignedMtlScale.Min) : base(preferences, scale)
    {
    }
}

/// <summary>Obsolete name of <see cref="NashMTL"/>.</summary>
[Obsolete("Use NashMTL (the same strategy under the name LibMTL and the paper use); NashMtl will be removed in the next release.", false)]
public sealed class NashMtl : NashMTL
{
    /// <summary>Creates <see cref="NashMTL"/>.</summary>
    public NashMtl(int updateWeightsEvery = 1, double maxNorm = 1.0, NashMtlOptions? solver = null) : base(updateWeightsEvery, maxNorm, solver)
    {
    }
}
