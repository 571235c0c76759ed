using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// Nash-MTL: the tasks bargain over the shared update; the Nash bargaining solution is <c>d = Σ α_t g_t</c> with
/// <c>α_t·(Mα)_t = 1</c> for every task (M the Gram matrix of the task gradients), i.e. <c>g_t·d = 1/α_t</c>: a task
/// with a small gradient along d gets a large weight. The update is invariant to the scale of each task's loss.
/// </summary>
/// <remarks>
/// <para>Paper: Aviv Navon, Aviv Shamsian, Idan Achituve, Haggai Maron, Kenji Kawaguchi, Gal Chechik and Ethan Fetaya,
/// "Multi-Task Learning as a Bargaining Game", ICML 2022. Official code: AvivNavon/nash-mtl.</para>
/// <para>Solver: <see cref="NashMtlSolver"/> (damped Newton on the equation's convex potential, where the reference runs
/// up to 20 convex programs in cvxpy), warm-started from the previous step's α. The equation is solved for the Gram
/// matrix of the raw gradients, as the reference's constraints are: it divides GᵀG by its Frobenius norm for the
/// objective but multiplies the norm back inside each constraint <c>log(α_t·norm) + log((GᵀG/norm·α)_t) ≥ 0</c>.
/// At the solution <c>‖d‖² = T</c>.</para>
/// <para>The reference's other options, with its defaults:</para>
/// <list type="bullet">
/// <item><c>updateWeightsEvery</c> (1): α is solved every k-th step; the steps in between reuse the last α without
/// taking per-task gradients (one backward pass of <c>Σ α_t L_t</c>, then each task's own parameters' gradients are
/// divided by α_t, so they get their own task's gradient as on the other steps).</item>
/// <item><c>maxNorm</c> (1.0): after the backward pass the shared parameters' gradient is clipped to this L2 norm, as
/// <c>torch.nn.utils.clip_grad_norm_</c> does (computed on the device, no host synchronisation); since
/// <c>‖d‖ = sqrt(T)</c>, this fixes the shared step's length. 0 disables it.</item>
/// </list>
/// <para>Where the code differs: the reference also multiplies the task-specific parameters' gradients by α_t (it
/// backpropagates <c>Σ α_t L_t</c>); here, as for every gradient-based strategy, they get their own task's gradient.</para>
/// <para>Parameter gradients only (as the reference and LibMTL). Tasks a batch did not label get coefficient 0 and keep
/// their previous α for the next warm start. State (host buffers, saved with the model): the step counter and the
/// previous α. Cost per update step: one backward pass per present task, the Gram matrix and its copy to the host, a
/// few Newton iterations on a T×T system; between updates, one backward pass.</para>
/// </remarks>
public class NashMTL : GradientWeighting
{
    private readonly int _updateWeightsEvery;
    private readonly double _maxNorm;
    private readonly NashMtlOptions _solver;
    private HostCounter? _steps;
    private HostVector? _previous;

    /// <summary>Creates Nash-MTL.</summary>
    /// <param name="updateWeightsEvery">Solve for α every this many steps (≥ 1) and reuse it in between.</param>
    /// <param name="maxNorm">Clip the shared parameters' gradient to this L2 norm after the backward pass (0: no clipping).</param>
    /// <param name="solver">The Newton solver's options (ridge, tolerance, iteration cap).</param>
    public NashMTL(int updateWeightsEvery = 1, double maxNorm = 1.0, NashMtlOptions? solver = null) : base(nameof(NashMTL))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(updateWeightsEvery, 1);
        if (!double.IsFinite(maxNorm) || maxNorm < 0)
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Nash-MTL's max norm must be a finite, non-negative number (0 disables clipping).");
        _updateWeightsEvery = updateWeightsEvery;
        _maxNorm = maxNorm;
        _solver = solver ?? NashMtlOptions.Default;
    }

    /// <summary>How often α is solved for.</summary>
    public int UpdateWeightsEvery => _updateWeightsEvery;

    /// <summary>The clipping norm of the shared gradient (0: none).</summary>
    public double MaxNorm => _maxNorm;

    /// <summary>The number of training steps taken so far.</summary>
    public long Steps => _steps?.Value ?? 0;

    /// <summary>The α of the most recent solve, for every task (a task absent from it keeps its earlier value; 1 initially).</summary>
    public IReadOnlyList<double> PreviousSolution => _previous?.Read() ?? Enumerable.Repeat(1.0, TaskCount).ToArray();

    /// <inheritdoc />
    public override WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        long index = _steps!.Increment();
        var result = index % _updateWeightsEvery == 0 ? base.Backward(step) : Reuse(step);
        if (_maxNorm > 0)
            ClipSharedGradient(step.Parameters.Shared, _maxNorm);
        return result;
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks)
    {
        var previous = _previous!.Read();
        var solution = NashMtlSolver.Solve(tasks.GramMatrix, tasks.Select(previous), _solver);
        for (int i = 0; i < tasks.Count; i++)
            previous[tasks.Indices[i]] = solution.Weights[i];
        _previous.Write(previous);
        return solution.Weights;
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        _previous = host.Vector("previous_alpha", Enumerable.Repeat(1.0, tasks.Count).ToArray());
        register_module(HostState.SubmoduleName, host);
    }

    /// <summary>A step between updates: the last α, one backward pass.</summary>
    private WeightedLosses Reuse(TrainingStep step)
    {
        var previous = _previous!.Read();
        var alpha = new double[TaskCount];
        for (int t = 0; t < alpha.Length; t++)
            alpha[t] = step.Present[t] ? previous[t] : 0.0;
        var terms = new Tensor[alpha.Length];
        for (int t = 0; t < terms.Length; t++)
            terms[t] = step.Losses[t] * alpha[t];
        step.Backward(Sum(terms));
        using (no_grad())
        {
            // Undo the weighting on each task's own parameters: they train on their own task's gradient.
            for (int t = 0; t < alpha.Length; t++)
            {
                if (alpha[t] <= 0)
                    continue;
                foreach (var parameter in step.Parameters.Tasks[t])
                    parameter.grad?.div_(alpha[t]);
            }
        }
        RecordCoefficients(alpha);
        return Combine(step.Losses.Select(l => l.detach()).ToArray());
    }

    /// <summary>
    /// <c>torch.nn.utils.clip_grad_norm_</c> (L2) on the device: scales every gradient by
    /// <c>min(1, maxNorm/(‖g‖ + 1e-6))</c>. Written out because TorchSharp's returns the norm as a number, which would
    /// copy it to the host every step.
    /// </summary>
    private static void ClipSharedGradient(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradients = parameters.Select(p => p.grad).Where(g => g is not null && g.Handle != IntPtr.Zero).Select(g => g!).ToArray();
        if (gradients.Length == 0)
            return;
        var norm = stack(gradients.Select(g => g.norm()).ToArray()).norm();
        var factor = (maxNorm / (norm + 1e-6)).clamp_max(1.0);
        foreach (var gradient in gradients)
            gradient.mul_(factor.to(gradient.dtype));
    }
}
