using System;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Images and their class labels, as read by <see cref="IdxFile.ReadLabeledImages"/> or
/// <see cref="MnistFormat.Load"/>. Disposing it frees both tensors.
/// </summary>
/// <param name="Images">The images, <c>[N, rows, cols]</c>: uint8, or float32 in [0, 1].</param>
/// <param name="Labels">The class of every image, int64 <c>[N]</c>.</param>
public sealed record LabeledImages(torch.Tensor Images, torch.Tensor Labels) : IDisposable
{
    /// <summary>The number of examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Image height in pixels.</summary>
    public long Rows => Images.shape[1];

    /// <summary>Image width in pixels.</summary>
    public long Columns => Images.shape[2];

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
