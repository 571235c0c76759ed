using System;
using System.IO;
using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// Reads IDX files, the format of MNIST, Fashion-MNIST, KMNIST and EMNIST: a magic number (two zero
/// bytes, an element-type byte, a dimension count), each dimension's size as a big-endian 32-bit
/// integer, then the elements in row-major order. Gzipped files are recognised by their first bytes,
/// whatever their name.
/// </summary>
/// <remarks>
/// Returned tensors are on the CPU and, like any TorchSharp factory's result, belong to the caller's
/// dispose scope if one is open. Every error names the file and says what was expected and found.
/// </remarks>
public static class IdxFile
{
    /// <summary>Reads only the header of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not an IDX file or its header is truncated.</exception>
    public static IdxHeader ReadHeader(string path)
    {
        using var stream = IdxStream.Open(path);
        return IdxStream.ReadHeader(stream, path);
    }

    /// <summary>
    /// Reads the whole file as a tensor of its own element type (uint8, int8, int16, int32, float32 or
    /// float64) and shape.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not an IDX file, declares an unknown type, or is shorter or longer than its header says.</exception>
    public static torch.Tensor Read(string path) => Read(path, expect: null);

    /// <summary>
    /// Reads an images file (unsigned bytes, 3 dimensions: count, rows, columns) as a
    /// <c>[N, rows, cols]</c> tensor: uint8 by default, float32 in [0, 1] with <see cref="ImagePixels.UnitFloat"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a 3-D unsigned-byte IDX file, or is damaged.</exception>
    public static torch.Tensor ReadImages(string path, ImagePixels pixels = ImagePixels.Bytes)
    {
        var images = Read(path, header =>
        {
            if (header.ElementType != IdxElementType.UnsignedByte || header.Dimensions.Length != 3)
                throw new IdxFormatException(path,
                    $"'{path}' is not an images file: expected unsigned bytes in 3 dimensions (count×rows×columns, magic number 0x00000803) " +
                    $"but its header declares {header.Describe()} (magic number 0x{header.MagicNumber:X8}).");
        });
        if (pixels == ImagePixels.Bytes)
            return images;
        using (images)
            return images.to_type(torch.ScalarType.Float32).div_(255f);
    }

    /// <summary>
    /// Reads a labels file (integers in 1 dimension; MNIST-format sets use unsigned bytes) as an int64
    /// <c>[N]</c> tensor, the type classification losses take.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a 1-D integer IDX file, or is damaged.</exception>
    public static torch.Tensor ReadLabels(string path)
    {
        using var labels = Read(path, header =>
        {
            bool integers = header.ElementType is IdxElementType.UnsignedByte or IdxElementType.SignedByte or IdxElementType.Int16 or IdxElementType.Int32;
            if (!integers || header.Dimensions.Length != 1)
                throw new IdxFormatException(path,
                    $"'{path}' is not a labels file: expected integers in 1 dimension (magic number 0x00000801 for unsigned bytes) " +
                    $"but its header declares {header.Describe()} (magic number 0x{header.MagicNumber:X8}).");
        });
        return labels.to_type(torch.ScalarType.Int64);
    }

    /// <summary>
    /// Reads an images file and its labels file and checks that they hold the same number of examples.
    /// </summary>
    /// <exception cref="FileNotFoundException">Either file does not exist.</exception>
    /// <exception cref="IdxFormatException">Either file is damaged or of the wrong kind, or their counts differ.</exception>
    public static LabeledImages ReadLabeledImages(string imagesPath, string labelsPath, ImagePixels pixels = ImagePixels.Bytes)
    {
        // Both headers first: a mismatch is reported before tens of megabytes are decompressed.
        long imageCount = ReadHeader(imagesPath).Dimensions[0];
        long labelCount = ReadHeader(labelsPath).Dimensions[0];
        if (imageCount != labelCount)
            throw new IdxFormatException(labelsPath,
                $"'{imagesPath}' holds {imageCount} images but '{labelsPath}' holds {labelCount} labels; an images file and its labels file need the same count.");
        var images = ReadImages(imagesPath, pixels);
        try
        {
            return new LabeledImages(images, ReadLabels(labelsPath));
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    private static torch.Tensor Read(string path, Action<IdxHeader>? expect)
    {
        using var stream = IdxStream.Open(path);
        var header = IdxStream.ReadHeader(stream, path);
        expect?.Invoke(header);
        return IdxStream.ReadData(stream, header, path);
    }
}
