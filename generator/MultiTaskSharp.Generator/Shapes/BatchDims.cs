namespace MultiTaskSharp.Generator.Shapes;

/// <summary>
/// Layer arguments such as Flatten's <c>start_dim</c> count the batch dimension, which a
/// <see cref="TensorShape"/> leaves out: dimension <c>d</c> of the batch is <c>d - 1</c> of an example.
/// </summary>
internal static class BatchDims
{
    /// <summary>
    /// The example dimension that batch dimension <paramref name="dim"/> (negative counts from the
    /// end, as in PyTorch) names; false when it is out of range or is the batch dimension itself.
    /// </summary>
    public static bool TryExampleDim(long dim, int exampleRank, out int index)
    {
        index = -1;
        int batchRank = exampleRank + 1;
        if (exampleRank < 0 || dim < -batchRank || dim >= batchRank)
            return false;
        long normalized = dim < 0 ? dim + batchRank : dim;
        if (normalized == 0)
            return false;
        index = (int)normalized - 1;
        return true;
    }
}
