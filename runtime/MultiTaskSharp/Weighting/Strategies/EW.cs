using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Equal weighting (EW): the total loss is the plain sum <c>Σ_t L_t</c>, every weight 1, whatever the declared
/// <c>[LossWeight]</c>s say. The baseline every multi-task method is compared with.
/// </summary>
/// <remarks>
/// <para>As in LibMTL's <c>EW</c> (Lin &amp; Zhang, "LibMTL: A Python Library for Multi-Task Learning", JMLR 2023), which
/// weighs every task 1 (a sum, not a mean). No state, no extra cost: one backward pass.</para>
/// </remarks>
public class EW : LossWeighting
{
    /// <summary>Creates equal weighting for the tasks of the model it is attached to.</summary>
    public EW() : base(nameof(EW))
    {
    }

    /// <inheritdoc />
    protected override TaskWeights Weigh(LossStep step) => Enumerable.Repeat(1.0, step.Losses.Count).ToArray();
}
