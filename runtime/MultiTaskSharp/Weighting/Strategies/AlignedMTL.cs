using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTaskSharp;

/// <summary>
/// Aligned-MTL: the task gradients are replaced by the closest set of mutually orthogonal gradients of equal norm
/// (a Procrustes alignment through the eigen-decomposition of their Gram matrix), and the shared part moves along
/// their preference-weighted sum. The update has no conflicting or dominating components.
/// </summary>
/// <remarks>
/// <para>Paper: Dmitry Senushkin, Nikolay Patakin, Arseny Kuznetsov and Anton Konushin, "Independent Component
/// Alignment for Multi-Task Learning", CVPR 2023. Official code: SamsungLabs/MTL (<c>ProcrustesSolver</c>).</para>
/// <para>Solver: <see cref="AlignedMtlSolver"/> (as the reference: <c>M = VΛVᵀ</c>, eigenvalues above
/// <c>T·ε_float32·λ_max</c> kept, <c>B = σ·V Λ^(−1/2) Vᵀ</c> with <c>σ² = λ_min</c>, <c>α = Bᵀp</c>). Preferences p are
/// 1 for every task by default (the reference); <c>scale</c> selects the reference's other choices of σ².</para>
/// <para>Defined on representation gradients too (the paper's efficient variant aligns the shared representation's
/// gradients). Tasks a batch did not label get coefficient 0, and the alignment runs over the others. No state. Cost
/// per step: one backward pass per present task, the Gram matrix and its copy to the host, a T×T eigen-decomposition.</para>
/// </remarks>
[SupportsRepresentationGradients]
public class AlignedMTL : GradientWeighting
{
    private readonly double[]? _preferences;
    private readonly AlignedMtlScale _scale;

    /// <summary>Creates Aligned-MTL.</summary>
    /// <param name="preferences">The task preferences p, one per task (finite); all 1 by default.</param>
    /// <param name="scale">Which kept eigenvalue sets the aligned gradients' squared norm (the smallest by default).</param>
    public AlignedMTL(IReadOnlyList<double>? preferences = null, AlignedMtlScale scale = AlignedMtlScale.Min) : base(nameof(AlignedMTL))
    {
        if (!Enum.IsDefined(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown Aligned-MTL scale.");
        if (preferences is not null)
        {
            _preferences = preferences.ToArray();
            for (int t = 0; t < _preferences.Length; t++)
            {
                if (!double.IsFinite(_preferences[t]))
                    throw new ArgumentOutOfRangeException(nameof(preferences), _preferences[t], $"Aligned-MTL preference #{t} must be finite.");
            }
        }
        _scale = scale;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        if (_preferences is not null && _preferences.Length != tasks.Count)
            throw new ArgumentException($"AlignedMTL was given {_preferences.Length} preference(s) but the model has {tasks.Count} task(s): {string.Join(", ", tasks)}.");
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
    {
        var preferences = _preferences is null ? default : tasks.Select(_preferences);
        return AlignedMtlSolver.Solve(tasks.GramMatrix, preferences, _scale).Coefficients;
    }
}
