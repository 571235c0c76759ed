using TorchSharp;

namespace MultiTaskSharp;

/// <summary>
/// A set of examples whose tensors share the leading (batch) dimension. The generated
/// <c>Batch</c>, <c>Inputs</c> and <c>Targets</c> records implement it without reflection.
/// </summary>
public interface IBatch<TSelf> where TSelf : IBatch<TSelf>
{
    /// <summary>The number of examples. Throws <see cref="TaskDataException"/> when members disagree.</summary>
    long Count { get; }

    /// <summary>The examples at <paramref name="indices"/> (a 1-D int64 tensor), in that order.</summary>
    TSelf Index(torch.Tensor indices);

    /// <summary>The same examples on <paramref name="device"/>.</summary>
    TSelf To(torch.Device device);
}
