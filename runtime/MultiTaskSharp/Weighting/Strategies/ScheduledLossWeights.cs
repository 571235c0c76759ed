using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Fixed-form weights that follow a schedule: each step the total loss is <c>Σ λ_t L_t</c> with
/// <c>λ = schedule(epoch, step)</c>, e.g. a task switched on after a warm-up, or a weight annealed per epoch. Nothing
/// is rebuilt when the weights change; the step counter is saved with the model, so a resumed run continues the
/// schedule where it stopped.
/// </summary>
/// <remarks>
/// <para>The schedule receives the epoch of the step (from 1 under <c>Fit</c>, or
/// <see cref="TrainStepOptions.Epoch"/>; 0 when the caller did not say) and the number of training steps taken
/// before it (0 for the first). It must be a pure function of them: the weights of the most recent step are
/// recomputed from it for reports and for <c>ComputeLosses</c>. It returns one finite, non-negative weight per task,
/// in declaration order.</para>
/// <para>State: the step counter and the epoch of the last step (host buffers). Cost: plain training, one backward
/// pass. For weights that change only when you say so, <see cref="FixedLossWeights.SetWeights"/> is enough.</para>
/// </remarks>
public sealed class ScheduledLossWeights : LossWeighting
{
    private readonly Func<int, long, IReadOnlyList<double>> _schedule;
    private HostCounter? _steps;
    private HostCounter? _lastEpoch;

    /// <summary>Creates weights that follow <paramref name="schedule"/>(epoch, step).</summary>
    /// <param name="schedule">The weights, one per task, for a step of the given epoch (0 when unknown) and index (from 0).</param>
    public ScheduledLossWeights(Func<int, long, IReadOnlyList<double>> schedule) : base(nameof(ScheduledLossWeights))
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
    }

    /// <summary>Weights that depend on the epoch only, e.g. <c>ScheduledLossWeights.PerEpoch(e =&gt; [1, e &lt; 5 ? 0 : 1])</c>.</summary>
    public static ScheduledLossWeights PerEpoch(Func<int, IReadOnlyList<double>> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ScheduledLossWeights((epoch, _) => schedule(epoch));
    }

    /// <summary>The number of training steps taken so far (the next step's index).</summary>
    public long Steps => _steps?.Value ?? 0;

    /// <summary>The schedule's weights for a step of <paramref name="epoch"/> with index <paramref name="step"/>, checked.</summary>
    public IReadOnlyList<double> WeightsAt(int epoch, long step)
    {
        var weights = _schedule(epoch, step)
            ?? throw new InvalidOperationException($"The loss-weight schedule returned null for epoch {epoch}, step {step}.");
        if (weights.Count != TaskCount)
            throw new InvalidOperationException(
                $"The loss-weight schedule returned {weights.Count} weight(s) for epoch {epoch}, step {step}, but the model has {TaskCount} task(s): {string.Join(", ", TaskNames)}.");
        for (int t = 0; t < weights.Count; t++)
        {
            if (!double.IsFinite(weights[t]) || weights[t] < 0)
                throw new InvalidOperationException(
                    $"The loss-weight schedule returned {weights[t]} for task '{TaskNames[t]}' at epoch {epoch}, step {step}; every weight must be finite and non-negative.");
        }
        return weights.ToArray();
    }

    /// <summary>The weights of the most recent step (before the first: those of epoch 0, step 0).</summary>
    public override IReadOnlyList<double> EffectiveWeights()
    {
        long steps = Steps;
        return steps == 0 ? WeightsAt(0, 0) : WeightsAt((int)_lastEpoch!.Value, steps - 1);
    }

    /// <inheritdoc />
    protected override TaskWeights Weigh(LossStep step)
    {
        if (!step.IsTraining)
            return EffectiveWeights().ToArray();
        var weights = WeightsAt(step.Epoch, Steps);
        _steps!.Increment();
        _lastEpoch!.Value = step.Epoch;
        return weights.ToArray();
    }

    /// <inheritdoc />
    protected override void OnAttached(IReadOnlyList<string> tasks)
    {
        var host = new HostState();
        _steps = host.Counter("steps");
        _lastEpoch = host.Counter("last_epoch");
        register_module(HostState.SubmoduleName, host);
    }
}
