using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiFashion;

/// <summary>
/// Two-item images and their two labels: <see cref="Images"/> float32 [N, 1, 28, 28], normalised;
/// <see cref="Left"/> and <see cref="Right"/> int64 [N]. The tensors live outside every dispose scope
/// until the set is disposed.
/// </summary>
public sealed class TwoItemSet(Tensor images, Tensor pixels, Tensor left, Tensor right, int[] leftSource, int[] rightSource) : IDisposable
{
    /// <summary>The network's input: the composed bytes scaled to [0, 1] and normalised as the reference does.</summary>
    public Tensor Images { get; } = images;

    /// <summary>The composed images as bytes [N, 28, 28], before normalisation (for export and inspection).</summary>
    public Tensor Pixels { get; } = pixels;

    /// <summary>The class of the item at the top left.</summary>
    public Tensor Left { get; } = left;

    /// <summary>The class of the item at the bottom right.</summary>
    public Tensor Right { get; } = right;

    /// <summary>For every example, the index in the source file of the image used as its left item.</summary>
    public ReadOnlySpan<int> LeftSource => leftSource;

    /// <summary>For every example, the index in the source file of the image used as its right item.</summary>
    public ReadOnlySpan<int> RightSource => rightSource;

    public long Count => Left.shape[0];

    public void Dispose()
    {
        Images.Dispose();
        Pixels.Dispose();
        Left.Dispose();
        Right.Dispose();
    }
}
