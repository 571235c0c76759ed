using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The hook through which data-parallel training makes N processes with batch B take the step one process would take
/// with batch N·B: every strategy reads the task losses and the per-task gradients of a step only after the step has
/// passed them through this interface, in one place (<see cref="TrainingStep"/>). The default,
/// <see cref="StepReduction.None"/>, leaves everything as it is.
/// </summary>
/// <remarks>
/// <para>Order within one step, on every process: <see cref="ReducePresence"/> once when the step is created;
/// <see cref="ReduceLosses"/> at most once, when a strategy first reads the step's loss values (loss-based strategies,
/// GradNorm, MGDA's loss normalisations, …); <see cref="ReduceGradients"/> at most once, right after the per-task
/// gradients are taken and before any strategy reads them or their Gram matrix. Every process must make the same calls
/// in the same order (the strategies are deterministic given the reduced values), so collective operations match.</para>
/// <para>Not covered here: the gradients the optimizer finally sees (the shared direction written by a gradient-based
/// strategy is then identical on every process; the task-specific parameters' and a loss-based strategy's gradients
/// are local and must be averaged as plain data-parallel training does), epoch means passed to
/// <see cref="LossWeighting.EndEpoch"/>, and the re-evaluated losses of <see cref="TrainingStep.EvaluateLossesAgain"/>,
/// which go through <see cref="ReduceLosses"/> as well.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStepReduction
{
    /// <summary>
    /// Combines which tasks the processes' batches labelled: returns, for every task, whether any process's batch
    /// labelled it (a logical OR). <paramref name="present"/> is this process's, in declaration order.
    /// </summary>
    bool[] ReducePresence(bool[] present);

    /// <summary>
    /// Replaces, in place, this process's task losses by the losses of the whole distributed batch.
    /// <paramref name="losses"/> is [T] float64 on the device, each this process's mean over its labelled entries
    /// (0 for a task it did not label); <paramref name="entries"/> is [T] float64, the number of entries each mean is
    /// over. The global loss of task t is <c>Σ_r entries_rt·losses_rt / Σ_r entries_rt</c>; write it into
    /// <paramref name="losses"/> and the summed counts into <paramref name="entries"/>.
    /// </summary>
    void ReduceLosses(torch.Tensor losses, torch.Tensor entries);

    /// <summary>
    /// Replaces, in place, this process's per-task gradients by those of the whole distributed batch.
    /// With <see cref="GradientSource.Parameters"/>, <paramref name="gradients"/> is the [T, D] matrix of each task's
    /// gradient of its local loss with respect to the shared parameters (rows of tasks this process did not label are
    /// zero); the global row is <c>Σ_r entries_rt·g_rt / Σ_r entries_rt</c>. With
    /// <see cref="GradientSource.Representation"/>, <paramref name="gradients"/> is instead the [T, T] Gram matrix of
    /// this process's flattened representation gradients (the representations of different processes are different
    /// examples, so their gradients concatenate rather than add): the global Gram matrix is
    /// <c>Σ_r (entries_rt·entries_rs / (E_t·E_s))·M_r,ts</c> with <c>E_t = Σ_r entries_rt</c>, and each process then
    /// applies the direction to its own examples. <paramref name="entries"/> is this process's [T] float64 counts (not
    /// reduced; leave it unchanged).
    /// </summary>
    void ReduceGradients(torch.Tensor gradients, GradientSource source, torch.Tensor entries);
}

/// <summary>The step reduction in effect for the training steps of the current flow of execution.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepReduction
{
    private static readonly AsyncLocal<IStepReduction?> CurrentReduction = new();

    /// <summary>The reduction that changes nothing: a single process.</summary>
    public static IStepReduction None { get; } = new NoReduction();

    /// <summary>The reduction training steps created now will use (<see cref="None"/> unless one is in <see cref="Use"/>).</summary>
    public static IStepReduction Current => CurrentReduction.Value ?? None;

    /// <summary>Makes <paramref name="reduction"/> current until the returned scope is disposed (per async flow).</summary>
    public static IDisposable Use(IStepReduction reduction)
    {
        ArgumentNullException.ThrowIfNull(reduction);
        var previous = CurrentReduction.Value;
        CurrentReduction.Value = reduction;
        return new Scope(() => CurrentReduction.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }

    private sealed class NoReduction : IStepReduction
    {
        public bool[] ReducePresence(bool[] present) => present;

        public void ReduceLosses(torch.Tensor losses, torch.Tensor entries)
        {
        }

        public void ReduceGradients(torch.Tensor gradients, GradientSource source, torch.Tensor entries)
        {
        }
    }
}
