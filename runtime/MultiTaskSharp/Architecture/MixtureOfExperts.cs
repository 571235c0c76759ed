using System;
using System.ComponentModel;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>
/// The operations of a generated mixture-of-experts forward pass (MMoE, CGC, PLE): run a pool of experts, turn a gate's
/// logits into weights, and mix pools of expert outputs with them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MixtureOfExperts
{
    /// <summary>Builds a pool of <paramref name="count"/> experts, each from its own call of <paramref name="factory"/>.</summary>
    public static ModuleList<nn.Module<Tensor, Tensor>> Pool(int count, Func<nn.Module<Tensor, Tensor>> factory)
    {
        var experts = new nn.Module<Tensor, Tensor>[count];
        for (int i = 0; i < count; i++)
            experts[i] = factory() ?? throw new InvalidOperationException("An [Experts] factory returned null.");
        return nn.ModuleList(experts);
    }

    /// <summary>A gate per task, each from its own call of <paramref name="factory"/>, keyed by task name.</summary>
    public static ModuleDict<nn.Module<Tensor, Tensor>> Gates(string[] tasks, Func<nn.Module<Tensor, Tensor>> factory)
    {
        var gates = new (string, nn.Module<Tensor, Tensor>)[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
            gates[i] = (tasks[i], factory() ?? throw new InvalidOperationException("A [Gate] factory returned null."));
        return nn.ModuleDict(gates);
    }

    /// <summary>Each task's own pool of <paramref name="count"/> experts (CGC, PLE), keyed by task name.</summary>
    public static ModuleDict<ModuleList<nn.Module<Tensor, Tensor>>> TaskPools(string[] tasks, int count, Func<nn.Module<Tensor, Tensor>> factory)
    {
        var pools = new (string, ModuleList<nn.Module<Tensor, Tensor>>)[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
            pools[i] = (tasks[i], Pool(count, factory));
        return nn.ModuleDict(pools);
    }

    /// <summary>Every expert of <paramref name="pool"/> on <paramref name="input"/>, stacked along dimension 1: [N, E, …].</summary>
    public static Tensor Run(ModuleList<nn.Module<Tensor, Tensor>> pool, Tensor input)
    {
        var outputs = new Tensor[pool.Count];
        for (int i = 0; i < outputs.Length; i++)
            outputs[i] = pool[i].call(input);
        return stack(outputs, 1);
    }

    /// <summary>The gate's softmax weights over experts, [N, E]. Inputs with several dimensions are flattened first.</summary>
    public static Tensor Weights(nn.Module<Tensor, Tensor> gate, Tensor input)
    {
        var logits = gate.call(input);
        if (logits.dim() != 2)
            throw new InvalidOperationException($"A gate must output one logit per expert, [N, E], but produced {Shapes.Format(logits)}.");
        return nn.functional.softmax(logits, 1);
    }

    /// <summary>
    /// The weighted sum of the experts in <paramref name="pools"/> (each [N, E_k, …], concatenated in order) with the
    /// weights <paramref name="weights"/> [N, ΣE_k]: [N, …].
    /// </summary>
    public static Tensor Mix(Tensor weights, params Tensor[] pools)
    {
        var experts = pools.Length == 1 ? pools[0] : cat(pools, 1);
        if (weights.shape[1] != experts.shape[1])
            throw new InvalidOperationException($"The gate weighs {weights.shape[1]} experts but the pools hold {experts.shape[1]}.");
        // [N, E] → [N, E, 1, …] to broadcast over each expert's output dimensions.
        var shape = new long[experts.dim()];
        Array.Fill(shape, 1L);
        shape[0] = weights.shape[0];
        shape[1] = weights.shape[1];
        return (weights.reshape(shape) * experts).sum(1);
    }
}
