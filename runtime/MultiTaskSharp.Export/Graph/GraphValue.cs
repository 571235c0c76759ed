using MultiTaskSharp.Generated;
using static TorchSharp.torch;

namespace MultiTaskSharp.Export.Graph;

/// <summary>
/// One tensor of the graph: its ONNX name, and the value TorchSharp computes for it on a small example batch. The
/// example gives every static dimension and rank the mapping needs (adaptive pooling, flattening, mixing) without
/// re-deriving shapes, and is what each mapping's output is checked against in the tests.
/// </summary>
/// <param name="Name">The ONNX tensor name.</param>
/// <param name="Example">The TorchSharp value on the example batch.</param>
/// <param name="SequenceAxis">The axis that carries a variable sequence length, if any.</param>
/// <param name="Input">The graph input this value is (its index), or -1.</param>
internal sealed record GraphValue(string Name, Tensor Example, int? SequenceAxis = null, int Input = -1)
{
    public long Rank => Example.dim();
}
