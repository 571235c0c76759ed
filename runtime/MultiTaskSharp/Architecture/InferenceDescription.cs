using System.ComponentModel;
using MultiTaskSharp.Generated;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>One value of an inference graph under construction: the builder's handle, opaque to the generated code.</summary>
/// <param name="Id">The builder's index of the value.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct InferenceValue(int Id);

/// <summary>
/// What the generated <see cref="IDescribesInference.DescribeInference"/> calls: the model's eval-mode forward pass,
/// stage by stage, as the generator planned it. An exporter (MultiTaskSharp.Export) implements it and maps each
/// module to the nodes of another format; the core defines it so that generated code needs no reference to the exporter.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IInferenceGraph
{
    /// <summary>A declared input, of examples of shape <paramref name="exampleShape"/> (empty: undeclared).</summary>
    InferenceValue Input(string name, long[] exampleShape);

    /// <summary>A module member (stem, trunk, tower, head, tower stage) applied to <paramref name="input"/>.</summary>
    InferenceValue Module(nn.IModule<Tensor, Tensor> module, InferenceValue input);

    /// <summary>A recurrent trunk field, reduced as <paramref name="passes"/> says (see <see cref="RecurrentOutputs"/>).</summary>
    InferenceValue Recurrent(nn.Module module, InferenceValue input, RecurrentOutput passes, bool batchFirst, bool bidirectional);

    /// <summary>A member that is a method: arbitrary C#, which an exporter cannot follow (it throws naming the member).</summary>
    InferenceValue Method(string member, string role, InferenceValue input);

    /// <summary>Every expert of a pool on <paramref name="input"/>, stacked along dimension 1 (<see cref="MixtureOfExperts.Run"/>).</summary>
    InferenceValue Experts(ModuleList<nn.Module<Tensor, Tensor>> pool, InferenceValue input);

    /// <summary>A gate's softmax weights over experts (<see cref="MixtureOfExperts.Weights"/>).</summary>
    InferenceValue Gate(nn.Module<Tensor, Tensor> gate, InferenceValue input);

    /// <summary>The gate-weighted sum of expert pools (<see cref="MixtureOfExperts.Mix"/>).</summary>
    InferenceValue Mix(InferenceValue weights, InferenceValue[] pools);

    /// <summary>A cross-stitch unit mixing one value per task column into one per column.</summary>
    InferenceValue[] CrossStitch(CrossStitchUnit unit, InferenceValue[] columns);

    /// <summary>Concatenation along dimension 1 (task connections; a detached read is the same value at inference).</summary>
    InferenceValue Concat(InferenceValue[] values);

    /// <summary>A task's output, what <c>Outputs.&lt;Task&gt;</c> holds, decoded as <paramref name="output"/> says for predictions.</summary>
    void Output(string task, InferenceValue value, OutputKind output);
}

/// <summary>Implemented by every generated model: describes its inference forward pass to an <see cref="IInferenceGraph"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDescribesInference
{
    /// <summary>Calls <paramref name="graph"/> once per stage of the forward pass, in order, then once per task output.</summary>
    void DescribeInference(IInferenceGraph graph);
}
