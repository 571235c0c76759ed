using System;
using System.Collections.Generic;

namespace MultiTaskSharp;

/// <summary>
/// Plain numbers from one training step or epoch: the total (weighted) loss and every task's
/// unweighted loss. The generated <c>LossValues</c> record implements it with one property per task.
/// </summary>
public interface ILossValues<TSelf> where TSelf : ILossValues<TSelf>
{
    /// <summary>The task names, in declaration order.</summary>
    static abstract IReadOnlyList<string> TaskNames { get; }

    /// <summary>Creates values from the total and the per-task losses in declaration order.</summary>
    static abstract TSelf Create(double total, ReadOnlySpan<double> tasks);

    /// <summary>The total weighted loss.</summary>
    double Total { get; }

    /// <summary>The unweighted loss of the task at <paramref name="task"/> (declaration order).</summary>
    double this[int task] { get; }
}
