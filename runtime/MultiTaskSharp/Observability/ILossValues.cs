using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// Plain numbers from one training step or epoch: the total (weighted) loss, every task's unweighted loss and every
/// penalty term (soft sharing). The generated <c>LossValues</c> record implements it with one property per task and
/// term. As a vector the layout is <c>[Total, tasks…, penalties…]</c>.
/// </summary>
public interface ILossValues<TSelf> where TSelf : ILossValues<TSelf>
{
    /// <summary>The task names, in declaration order.</summary>
    static abstract IReadOnlyList<string> TaskNames { get; }

    /// <summary>The names of the penalty terms, in declaration order (empty for most models).</summary>
    static abstract IReadOnlyList<string> PenaltyNames { get; }

    /// <summary>Creates values from <c>[Total, tasks…, penalties…]</c>.</summary>
    static abstract TSelf FromVector(ReadOnlySpan<double> values);

    /// <summary>The total weighted loss, penalties included.</summary>
    double Total { get; }

    /// <summary>The unweighted loss of the task at <paramref name="task"/> (declaration order).</summary>
    double this[int task] { get; }

    /// <summary>The values as <c>[Total, tasks…, penalties…]</c>.</summary>
    double[] ToVector();
}
