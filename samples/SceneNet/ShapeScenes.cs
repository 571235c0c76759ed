using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SceneNet;

/// <summary>The shape classes, in label order.</summary>
public enum ShapeKind
{
    Square = 0,
    Circle = 1,
    Triangle = 2,
    Cross = 3,
}

/// <summary>
/// A synthetic dataset: grayscale images [N, 1, 32, 32] (float32), each holding one shape; its
/// class [N] (int64) and its pixel mask [N, 32, 32] (int64, 1 = shape). The tensors live outside
/// every dispose scope until the set is disposed.
/// </summary>
public sealed class SceneSet(Tensor images, Tensor labels, Tensor masks) : IDisposable
{
    public Tensor Images { get; } = images;
    public Tensor Labels { get; } = labels;
    public Tensor Masks { get; } = masks;
    public long Count => Labels.shape[0];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        Masks.Dispose();
    }
}

/// <summary>
/// Draws <see cref="SceneSet"/>s in managed arrays, then copies each array to a tensor once: a plain
/// loop over a few million pixels takes milliseconds and is easier to read than masked tensor ops.
/// Everything comes from one <see cref="Random"/>, so a seed fixes the data exactly.
/// </summary>
public static class ShapeScenes
{
    public const int Size = 32;

    // Noise and contrast are chosen so that a pixel's brightness alone is not enough to segment it
    // cleanly; the model has to use the neighbourhood.
    private const double NoiseStd = 0.18;

    public static SceneSet Generate(int count, Random random)
    {
        var pixels = new float[count * Size * Size];
        var masks = new long[count * Size * Size];
        var labels = new long[count];
        for (int n = 0; n < count; n++)
        {
            var kind = (ShapeKind)random.Next(SceneLayers.ShapeClasses);
            labels[n] = (long)kind;
            Draw(kind, random, pixels.AsSpan(n * Size * Size, Size * Size), masks.AsSpan(n * Size * Size, Size * Size));
        }

        // The tensors must outlive this call: build them in a scope and move only the survivors out.
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [count, 1, Size, Size]);
        var classes = tensor(labels, [count]);
        var pixelMasks = tensor(masks, [count, Size, Size]);
        return new SceneSet(
            images.DetachFromDisposeScope(),
            classes.DetachFromDisposeScope(),
            pixelMasks.DetachFromDisposeScope());
    }

    private static void Draw(ShapeKind kind, Random random, Span<float> image, Span<long> mask)
    {
        double radius = 5 + random.NextDouble() * 6;             // half extent: 5..11 pixels
        double cx = radius + random.NextDouble() * (Size - 2 * radius);
        double cy = radius + random.NextDouble() * (Size - 2 * radius);
        double background = random.NextDouble() * 0.3;
        double foreground = background + 0.35 + random.NextDouble() * 0.4;
        // A gentle random gradient, so "bright" is relative to the surroundings.
        double gx = (random.NextDouble() - 0.5) * 0.02, gy = (random.NextDouble() - 0.5) * 0.02;

        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                // Pixel centres, relative to the shape's centre.
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                bool inside = Contains(kind, dx, dy, radius);
                int i = y * Size + x;
                mask[i] = inside ? 1 : 0;
                double value = (inside ? foreground : background) + gx * (x - Size / 2) + gy * (y - Size / 2) + NoiseStd * Gaussian(random);
                image[i] = (float)value;
            }
        }
    }

    private static bool Contains(ShapeKind kind, double dx, double dy, double r) => kind switch
    {
        ShapeKind.Square => Math.Abs(dx) <= 0.8 * r && Math.Abs(dy) <= 0.8 * r,
        ShapeKind.Circle => dx * dx + dy * dy <= r * r,
        // Upright isosceles triangle: apex at the top, base as wide as the shape is tall.
        ShapeKind.Triangle => dy >= -r && dy <= r && Math.Abs(dx) <= (dy + r) / 2,
        // A plus sign with arms a third as thick as it is long.
        ShapeKind.Cross => (Math.Abs(dx) <= r / 3 && Math.Abs(dy) <= r) || (Math.Abs(dy) <= r / 3 && Math.Abs(dx) <= r),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Box–Muller: the standard normal from two uniforms.
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
