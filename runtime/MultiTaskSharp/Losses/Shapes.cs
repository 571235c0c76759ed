using System.ComponentModel;
using System.Linq;
using TorchSharp;

namespace MultiTaskSharp.Generated;

/// <summary>Formats tensor shapes for error messages, PyTorch style: <c>[32, 4]</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Shapes
{
    /// <summary>The shape of <paramref name="tensor"/> as <c>[d0, d1, ...]</c>.</summary>
    public static string Format(torch.Tensor tensor) => Format(tensor.shape);

    /// <summary>A shape as <c>[d0, d1, ...]</c>.</summary>
    public static string Format(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
