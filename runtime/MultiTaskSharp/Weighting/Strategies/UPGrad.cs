using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// Unconflicting projection of gradients (UPGrad): each task's gradient, scaled by its preference, is projected onto
/// the dual cone of all the task gradients (the directions that conflict with none), and the shared part moves along
/// the sum of the projections. The update never increases any task's loss to first order, and it equals the
/// preference-weighted sum when the gradients do not conflict.
/// </summary>
/// <remarks>
/// <para>Paper: Pierre Quinton and Valérian Rey, "Jacobian Descent for Multi-Objective Optimization", 2024
/// (arXiv:2406.16232). Official code: TorchJD (<c>torchjd.aggregation.UPGrad</c>); LibMTL's <c>UPGrad</c> is adapted
/// from it.</para>
/// <para>Solver: <see cref="UPGradSolver"/>, on the Gram matrix: <c>w = Σ_i v⁽ⁱ⁾</c> with
/// <c>v⁽ⁱ⁾ = argmin vᵀGv, v ≥ u_i e_i</c>, after TorchJD's normalisation (divide by the trace) and ridge
/// (<c>regEpsilon·I</c>); defaults as TorchJD and LibMTL: preferences <c>u = 1/T</c> (the mean), both ε = 1e-4.</para>
/// <para>Parameter gradients only, as LibMTL (TorchJD aggregates any Jacobian, but the method's guarantee is about the
/// parameters' update). Tasks a batch did not label get coefficient 0. No state. Cost per step: one backward pass per
/// present task, the Gram matrix and one copy to the host, T small quadratic programs.</para>
/// </remarks>
public sealed class UPGrad : GradientWeighting
{
    private readonly double[]? _preferences;
    private readonly double _normEpsilon;
    private readonly double _regEpsilon;

    /// <summary>Creates UPGrad.</summary>
    /// <param name="preferences">One positive preference per task (default: 1/T each, TorchJD's mean).</param>
    /// <param name="normEpsilon">Below this squared Frobenius norm the Jacobian counts as zero (TorchJD's 1e-4).</param>
    /// <param name="regEpsilon">The ridge added to the normalised Gram matrix (TorchJD's 1e-4).</param>
    public UPGrad(IReadOnlyList<double>? preferences = null, double normEpsilon = UPGradSolver.DefaultNormEpsilon, double regEpsilon = UPGradSolver.DefaultRegEpsilon)
        : base(nameof(UPGrad))
    {
        if (preferences is not null)
        {
            _preferences = preferences.ToArray();
            for (int t = 0; t < _preferences.Length; t++)
            {
                if (!double.IsFinite(_preferences[t]) || _preferences[t] <= 0)
                    throw new ArgumentOutOfRangeException(nameof(preferences), _preferences[t], $"UPGrad preference #{t} must be a finite, positive number.");
            }
        }
        if (!double.IsFinite(normEpsilon) || normEpsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(normEpsilon), normEpsilon, "UPGrad's normEpsilon must be a finite, non-negative number.");
        if (!double.IsFinite(regEpsilon) || regEpsilon <= 0)
            throw new ArgumentOutOfRangeException(nameof(regEpsilon), regEpsilon, "UPGrad's regEpsilon must be a finite, positive number (it makes the problems strictly convex).");
        _normEpsilon = normEpsilon;
        _regEpsilon = regEpsilon;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        if (_preferences is not null && _preferences.Length != tasks.Count)
            throw new ArgumentException($"UPGrad was given {_preferences.Length} preference(s) but the model has {tasks.Count} task(s): {string.Join(", ", tasks)}.");
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
    {
        // Over the present tasks, the default preference is 1/P (the mean of the present gradients).
        var preferences = _preferences is null ? default : tasks.Select(_preferences);
        return UPGradSolver.Solve(tasks.GramMatrix, preferences, _normEpsilon, _regEpsilon);
    }
}
