namespace MultiTaskSharp;

/// <summary>How <see cref="IdxFile.ReadImages"/> returns pixel values.</summary>
public enum ImagePixels
{
    /// <summary>The stored bytes: a uint8 tensor with values 0–255.</summary>
    Bytes,

    /// <summary>A float32 tensor with every byte divided by 255, so values lie in [0, 1] (as torchvision's <c>ToTensor</c>).</summary>
    UnitFloat,
}
