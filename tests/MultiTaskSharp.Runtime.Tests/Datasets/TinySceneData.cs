using System;
using MultiTaskSharp.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Runtime.Tests.Datasets;

/// <summary>
/// 8×8 noisy images with one bar of length 4, horizontal (class 0) or vertical (class 1), at a random
/// place; the mask marks the bar's pixels. For <see cref="TinySceneModel"/>.
/// </summary>
public static class TinySceneData
{
    private const int Size = 8, Length = 4;

    public static (TinySceneModel.Batch Train, TinySceneModel.Batch Validation) Create(int train, int validation)
    {
        var random = new Random(71);
        var noise = new Generator(72);
        TinySceneModel.Batch Split(int count)
        {
            var masks = new long[count * Size * Size];
            var classes = new long[count];
            for (int i = 0; i < count; i++)
            {
                bool vertical = random.Next(2) == 1;
                classes[i] = vertical ? 1 : 0;
                int row = random.Next(vertical ? Size - Length + 1 : Size);
                int column = random.Next(vertical ? Size : Size - Length + 1);
                for (int k = 0; k < Length; k++)
                {
                    int r = vertical ? row + k : row, c = vertical ? column : column + k;
                    masks[(i * Size + r) * Size + c] = 1;
                }
            }
            var mask = tensor(masks).reshape(count, Size, Size);
            var image = mask.to_type(ScalarType.Float32).unsqueeze(1) + 0.2 * randn(new long[] { count, 1, Size, Size }, generator: noise);
            return new TinySceneModel.Batch(image, new TinySceneModel.Targets(tensor(classes), mask));
        }
        return (Split(train), Split(validation));
    }
}
