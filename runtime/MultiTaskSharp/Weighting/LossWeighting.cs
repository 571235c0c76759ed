using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MultiTaskSharp.Generated;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// A multi-task weighting strategy: how the task losses of a training step become the update of the shared part.
/// The generated model calls it on every step, so a strategy (fixed, learned, adaptive, gradient-based) is a swap of
/// this object, not a rewrite of the model.
/// <list type="bullet">
/// <item>A <b>loss-based</b> strategy derives from this class and implements <see cref="Weigh"/>, one weight per task:
/// the weighted sum of the losses is backpropagated once, at the cost of plain training.</item>
/// <item>A <b>gradient-based</b> strategy derives from <see cref="GradientWeighting"/>: it receives every task's gradient
/// and returns the coefficients (or the direction) of the shared part's update.</item>
/// </list>
/// </summary>
/// <remarks>
/// A strategy is a module: learnable weights (uncertainty weighting) are parameters the optimizer sees, and adaptive
/// state (DWA's loss history, FAMO's logits) is kept in buffers, so checkpoints save and restore both. Attach a strategy
/// with learnable parameters before creating the optimizer.
/// </remarks>
public abstract class LossWeighting : torch.nn.Module
{
    /// <summary>The submodule name under which a stateful strategy is registered with its model.</summary>
    public const string SubmoduleName = "loss_weighting";

    private readonly int _declaredCount;
    private IReadOnlyList<string>? _tasks;
    private torch.nn.Module? _owner;
    private double[]? _appliedHost;        // the most recent training step's weights, when they were host numbers
    private torch.Tensor? _appliedDevice;  // … or a detached copy of its device weights (outside any dispose scope)

    /// <summary>Creates a strategy that adapts to the tasks of the model it is attached to.</summary>
    protected LossWeighting(string name) : base(name)
    {
    }

    /// <summary>Creates a strategy for exactly <paramref name="taskCount"/> tasks.</summary>
    protected LossWeighting(string name, int taskCount) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        _declaredCount = taskCount;
    }

    /// <summary>The number of tasks the strategy weighs (0 until attached, unless fixed at construction).</summary>
    public int TaskCount => _tasks?.Count ?? _declaredCount;

    /// <summary>The tasks of the model the strategy is attached to.</summary>
    public IReadOnlyList<string> TaskNames => _tasks ?? throw new InvalidOperationException($"{GetName()} is not attached to a model yet.");

    /// <summary>
    /// The model's declared <c>[LossWeight]</c>s, in task order (all 1 when none was declared): strategies that start
    /// from weights (GradNorm, uncertainty weighting) start from these.
    /// </summary>
    public IReadOnlyList<double> DeclaredWeights { get; private set; } = Array.Empty<double>();

    /// <summary>Whether the strategy works on per-task gradients (a <see cref="GradientWeighting"/>).</summary>
    public virtual bool IsGradientBased => false;

    /// <summary>
    /// The method of a loss-based strategy: one weight per task for this step, from the step's loss values, the
    /// tasks present and the strategy's state. The base class does everything else once, for every strategy: the
    /// weighted sum <c>Σ w_t L_t (+ o_t)</c> over the present tasks, the backward pass, and the record of the applied
    /// weights that <see cref="EffectiveWeights"/> reports.
    /// </summary>
    /// <remarks>
    /// Called for every training step (<see cref="LossStep.IsTraining"/> true: advance counters and histories here)
    /// and for the totals of <c>ComputeLosses</c> and evaluation (false: leave the state alone).
    /// </remarks>
    protected virtual TaskWeights Weigh(LossStep step)
        => throw new NotSupportedException($"{GetName()} overrides neither Weigh nor Combine; a loss-based strategy overrides Weigh (one weight per task).");

    /// <summary>Weighs <paramref name="losses"/> (declaration order, every task present) into one term per task and their total.</summary>
    /// <remarks>
    /// The totals <c>ComputeLosses</c> and evaluation report. A gradient-based strategy combines with its most recent
    /// coefficients. Override <see cref="Weigh"/> rather than this.
    /// </remarks>
    public virtual WeightedLosses Combine(ReadOnlySpan<torch.Tensor> losses)
    {
        CheckCount(losses);
        var all = losses.ToArray();
        var step = new LossStep(TaskNamesOrEmpty(all.Length), all, Enumerable.Repeat(true, all.Length).ToArray(), training: null);
        return WeightedSum(all, step.Present, Weigh(step));
    }

    /// <summary>
    /// Runs the backward pass of one training step and returns the weighted terms it used: the weighted sum of
    /// <see cref="Weigh"/>'s weights, backpropagated once.
    /// </summary>
    public virtual WeightedLosses Backward(TrainingStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!OverridesWeigh)
        {
            // A strategy written against the earlier API (Combine only): its Combine is the step.
            var combined = Combine(step.Losses.ToArray());
            step.Backward(combined.Total);
            return combined;
        }
        var losses = step.Losses.ToArray();
        var weights = Weigh(new LossStep(step.TaskNames, losses, step.Present, step));
        var result = WeightedSum(losses, step.Present, weights);
        RecordApplied(weights);
        step.Backward(result.Total);
        return result;
    }

    /// <summary>Called after the optimizer updated the parameters (FAMO's weight update, GradNorm's renormalisation).</summary>
    public virtual void AfterStep(TrainingStep step)
    {
    }

    /// <summary>Called by <c>Fit</c> at the end of each epoch with the mean training loss of every task.</summary>
    public virtual void EndEpoch(int epoch, IReadOnlyList<double> meanTaskLosses)
    {
    }

    /// <summary>
    /// The weights applied in the most recent training step, one per task, as they were when the step's loss was
    /// formed (before the optimizer moved any learned weight); before the first step, <see cref="InitialWeights"/>.
    /// For reports; may copy from the device.
    /// </summary>
    public virtual IReadOnlyList<double> EffectiveWeights()
    {
        if (_appliedHost is not null)
            return _appliedHost;
        if (_appliedDevice is not null)
            return HostReads.Values(_appliedDevice);
        return InitialWeights();
    }

    /// <summary>What <see cref="EffectiveWeights"/> reports before the first training step (1 for every task unless overridden).</summary>
    protected virtual IReadOnlyList<double> InitialWeights() => Enumerable.Repeat(1.0, TaskCount).ToArray();

    /// <summary>Sizes the strategy's parameters and state for the model's tasks; called once, when attached.</summary>
    protected virtual void OnAttached(IReadOnlyList<string> tasks)
    {
    }

    /// <summary>
    /// The one weighted sum of every strategy: <c>w_t·L_t (+ o_t)</c> for each present task, 0 for an absent one, and
    /// their total. A host weight of exactly 1 keeps the task's loss tensor itself (no extra node in the graph).
    /// </summary>
    internal static WeightedLosses WeightedSum(IReadOnlyList<torch.Tensor> losses, IReadOnlyList<bool> present, TaskWeights weights)
    {
        if (weights.Count != losses.Count)
            throw new InvalidOperationException($"The strategy returned {weights.Count} weight(s) for {losses.Count} task losses.");
        var terms = new torch.Tensor[losses.Count];
        for (int t = 0; t < terms.Length; t++)
        {
            var loss = losses[t];
            if (!present[t])
            {
                terms[t] = loss * 0.0;
                continue;
            }
            if (weights.Host is { } host)
                terms[t] = host[t] == 1.0 ? loss : loss * host[t];
            else
                terms[t] = loss * weights.Device![t].to(loss.dtype);
            if (weights.Offsets is { } offsets)
                terms[t] = terms[t] + offsets[t].to(loss.dtype);
        }
        return new WeightedLosses(Sum(terms), terms);
    }

    /// <summary>The sum of <paramref name="terms"/>.</summary>
    protected static torch.Tensor Sum(torch.Tensor[] terms)
    {
        var total = terms[0];
        for (int i = 1; i < terms.Length; i++)
            total = total + terms[i];
        return total;
    }

    /// <summary>Throws unless <paramref name="losses"/> has one loss per task.</summary>
    protected void CheckCount(ReadOnlySpan<torch.Tensor> losses)
    {
        if (losses.Length != TaskCount)
            throw new ArgumentException($"{GetName()} weighs {TaskCount} task losses but got {losses.Length}.", nameof(losses));
    }

    /// <summary>Keeps the weights of a training step for <see cref="EffectiveWeights"/> (device weights: a detached copy, taken before the optimizer step).</summary>
    private void RecordApplied(TaskWeights weights)
    {
        var previous = _appliedDevice;
        if (weights.Host is { } host)
        {
            _appliedHost = host.ToArray();
            _appliedDevice = null;
        }
        else
        {
            _appliedHost = null;
            _appliedDevice = weights.Device!.detach().clone().DetachFromDisposeScope();
        }
        previous?.Dispose();
    }

    private IReadOnlyList<string> TaskNamesOrEmpty(int count)
        => _tasks ?? Enumerable.Range(0, count).Select(i => $"#{i}").ToArray();

    // Whether the concrete type implements Weigh (the current API) or only Combine (the earlier one); one lookup per type.
    private bool OverridesWeigh => WeighOverrides.GetOrAdd(GetType(), static type =>
        type.GetMethod(nameof(Weigh), BindingFlags.Instance | BindingFlags.NonPublic, null, [typeof(LossStep)], null)!.DeclaringType != typeof(LossWeighting));

    private static readonly ConcurrentDictionary<Type, bool> WeighOverrides = new();

    /// <summary>
    /// Makes <paramref name="next"/> the strategy of <paramref name="model"/>, replacing <paramref name="previous"/>:
    /// checks that it fits the model's tasks, sizes it for them, and registers it as the submodule
    /// <see cref="SubmoduleName"/> when it has parameters or state (removing the previous one), so that
    /// <c>parameters()</c>, <c>state_dict()</c> and checkpoints include it. Create the optimizer afterwards: one made
    /// earlier does not see the new strategy's parameters.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static LossWeighting Attach(torch.nn.Module model, LossWeighting? previous, LossWeighting next, IReadOnlyList<string> taskNames,
        IReadOnlyList<double>? declaredWeights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(next);
        if (ReferenceEquals(previous, next))
            return next;
        if (next._owner is not null && !ReferenceEquals(next._owner, model))
            throw new InvalidOperationException($"This {next.GetName()} is already the strategy of model '{next._owner.GetName()}'; give each model its own instance.");
        if (next._declaredCount != 0 && next._declaredCount != taskNames.Count)
            throw new ArgumentException(
                $"The loss weighting weighs {next._declaredCount} task(s) but the model has {taskNames.Count}: {string.Join(", ", taskNames)}.", nameof(next));
        if (next._tasks is null)
        {
            next._tasks = taskNames.ToArray();
            next.DeclaredWeights = declaredWeights?.ToArray() ?? Enumerable.Repeat(1.0, taskNames.Count).ToArray();
            next.OnAttached(next._tasks);
        }
        else if (!next._tasks.SequenceEqual(taskNames))
        {
            throw new ArgumentException($"The loss weighting was sized for tasks {string.Join(", ", next._tasks)}, not {string.Join(", ", taskNames)}.", nameof(next));
        }
        if (previous is not null && previous._owner is not null)
        {
            // TorchSharp removes a submodule registered under the name when given null.
            model.register_module(SubmoduleName, null!);
            previous._owner = null;
        }
        if (next.parameters().Any() || next.buffers().Any())
        {
            next.to(FirstDevice(model));
            model.register_module(SubmoduleName, next);
            next._owner = model;
        }
        return next;
    }

    private static torch.Device FirstDevice(torch.nn.Module model)
    {
        foreach (var parameter in model.parameters())
            return parameter.device;
        return torch.CPU;
    }
}

/// <summary>The weighted term of every task (declaration order) and the total loss.</summary>
public readonly record struct WeightedLosses(torch.Tensor Total, torch.Tensor[] Terms);
