using System;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// One extraction level of a PLE model: its shared experts, each task's experts, each task's gate and (below the last
/// level) the shared gate, registered as <c>experts</c>, <c>task_experts</c>, <c>gates</c> and <c>shared_gate</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ExpertLevel : nn.Module
{
    /// <summary>Builds the level's experts and gates from the declared factories.</summary>
    public ExpertLevel(string[] tasks, int shared, int perTask, Func<nn.Module<Tensor, Tensor>> expert, Func<nn.Module<Tensor, Tensor>> gate,
        Func<nn.Module<Tensor, Tensor>>? sharedGate)
        : base(nameof(ExpertLevel))
    {
        Experts = MixtureOfExperts.Pool(shared, expert);
        TaskExperts = MixtureOfExperts.TaskPools(tasks, perTask, expert);
        Gates = MixtureOfExperts.Gates(tasks, gate);
        if (shared > 0)
            register_module("experts", Experts);
        if (perTask > 0)
            register_module("task_experts", TaskExperts);
        register_module("gates", Gates);
        if (sharedGate is not null)
        {
            SharedGate = sharedGate() ?? throw new InvalidOperationException("A [Gate(Shared = true)] factory returned null.");
            register_module("shared_gate", SharedGate);
        }
        else
        {
            SharedGate = null!;
        }
    }

    /// <summary>The experts every task shares.</summary>
    public ModuleList<nn.Module<Tensor, Tensor>> Experts { get; }

    /// <summary>Each task's own experts, by task name.</summary>
    public ModuleDict<ModuleList<nn.Module<Tensor, Tensor>>> TaskExperts { get; }

    /// <summary>Each task's gate, by task name.</summary>
    public ModuleDict<nn.Module<Tensor, Tensor>> Gates { get; }

    /// <summary>The gate of the next level's shared experts (null at the last level).</summary>
    public nn.Module<Tensor, Tensor> SharedGate { get; }
}
