using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiFashion;

/// <summary>
/// Builds two-item images the way Sener &amp; Koltun build MultiMNIST (isl-org/MultiObjectiveOptimization,
/// multi_task/loaders/multi_mnist_loader.py, <c>read_image_file</c>): every source image is the left item,
/// paired with a random image of the same split as the right item; the left is placed at [0:28, 0:28]
/// and the right at [6:34, 6:34] of a 36×36 canvas, the maximum taken where they overlap; the canvas is
/// resized to 28×28 by nearest neighbour and normalised like the reference's inputs.
/// </summary>
public static class TwoItemComposer
{
    public const int Size = 28;
    public const int Canvas = 36;
    public const int Offset = 6;

    // The reference normalises with torchvision's Normalize((0.1307,), (0.3081,)), MNIST's mean and
    // standard deviation, for every data set it loads; kept as is so the input scale matches.
    public const float Mean = 0.1307f;
    public const float Std = 0.3081f;

    /// <summary>
    /// Composes one two-item example per image of <paramref name="images"/> (uint8 [N, 28, 28]) and
    /// <paramref name="labels"/> (int64 [N]), drawing each right item uniformly from the same images.
    /// <paramref name="sourceIndices"/> (default 0…N−1) says where each image sits in its file, so the set can
    /// report every item's origin.
    /// </summary>
    public static TwoItemSet Compose(Tensor images, Tensor labels, Random random, int[]? sourceIndices = null)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 3 || images.shape[1] != Size || images.shape[2] != Size)
            throw new ArgumentException($"Expected uint8 images [N, {Size}, {Size}] but got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        int count = (int)images.shape[0];
        sourceIndices ??= Enumerable.Range(0, count).ToArray();
        if (sourceIndices.Length != count)
            throw new ArgumentException($"Expected {count} source indices but got {sourceIndices.Length}.", nameof(sourceIndices));
        using var contiguous = images.contiguous();
        ReadOnlySpan<byte> source = contiguous.bytes;
        var sourceLabels = labels.data<long>().ToArray();

        var composed = new byte[count * Size * Size];
        var left = new long[count];
        var right = new long[count];
        var leftSource = new int[count];
        var rightSource = new int[count];
        Span<byte> canvas = stackalloc byte[Canvas * Canvas];
        for (int n = 0; n < count; n++)
        {
            // The reference draws np.random.permutation(length)[:1]: one index, uniform, possibly n itself.
            int partner = random.Next(count);
            leftSource[n] = sourceIndices[n];
            rightSource[n] = sourceIndices[partner];
            left[n] = sourceLabels[n];
            right[n] = sourceLabels[partner];
            Place(source.Slice(n * Size * Size, Size * Size), source.Slice(partner * Size * Size, Size * Size), canvas);
            Shrink(canvas, composed.AsSpan(n * Size * Size, Size * Size));
        }

        // The tensors must outlive this call: build them in a scope and move only the survivors out.
        using var scope = NewDisposeScope();
        var pixels = tensor(composed, [count, Size, Size]);
        var normalised = pixels.unsqueeze(1).to_type(ScalarType.Float32).div_(255f).sub_(Mean).div_(Std);
        return new TwoItemSet(
            normalised.DetachFromDisposeScope(),
            pixels.DetachFromDisposeScope(),
            tensor(left).DetachFromDisposeScope(),
            tensor(right).DetachFromDisposeScope(),
            leftSource,
            rightSource);
    }

    /// <summary>The left item at [0:28, 0:28], the right at [6:34, 6:34], the maximum where they overlap; zero elsewhere.</summary>
    public static void Place(ReadOnlySpan<byte> leftItem, ReadOnlySpan<byte> rightItem, Span<byte> canvas)
    {
        canvas.Clear();
        // Every left row first: the right item's rows overlap left rows further down.
        for (int y = 0; y < Size; y++)
            leftItem.Slice(y * Size, Size).CopyTo(canvas.Slice(y * Canvas, Size));
        for (int y = 0; y < Size; y++)
        {
            var row = canvas.Slice((y + Offset) * Canvas + Offset, Size);
            var source = rightItem.Slice(y * Size, Size);
            for (int x = 0; x < Size; x++)
                row[x] = Math.Max(row[x], source[x]);
        }
    }

    /// <summary>
    /// The reference's <c>scipy.misc.imresize(canvas, (28, 28), interp='nearest')</c>: scipy first rescales
    /// the (float) canvas to the full byte range, min → 0 and max → 255 rounding half up (<c>bytescale</c>;
    /// the canvas minimum is always 0, its empty corners), then PIL picks source pixel
    /// ⌊(i + ½)·36/28⌋ for output pixel i.
    /// </summary>
    public static void Shrink(ReadOnlySpan<byte> canvas, Span<byte> output)
    {
        byte max = 0;
        foreach (var value in canvas)
            max = Math.Max(max, value);
        // bytescale divides by (max − min), or by 1 when the image is blank.
        double scale = 255.0 / (max == 0 ? 1 : max);
        for (int y = 0; y < Size; y++)
        {
            int sourceY = (2 * y + 1) * Canvas / (2 * Size);
            for (int x = 0; x < Size; x++)
            {
                int sourceX = (2 * x + 1) * Canvas / (2 * Size);
                output[y * Size + x] = (byte)Math.Min(255.0, canvas[sourceY * Canvas + sourceX] * scale + 0.5);
            }
        }
    }
}
