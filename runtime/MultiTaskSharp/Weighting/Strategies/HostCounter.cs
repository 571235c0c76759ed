using TorchSharp;

namespace MultiTaskSharp;

/// <summary>A non-negative counter held in a CPU int64 buffer of a <see cref="HostState"/>.</summary>
internal sealed class HostCounter
{
    private readonly torch.Tensor _value;

    internal HostCounter(torch.Tensor value) => _value = value;

    /// <summary>The current value (a read of host memory).</summary>
    public long Value
    {
        get
        {
            using var data = _value.data<long>();
            return data[0];
        }
        set
        {
            using var data = _value.data<long>();
            data[0] = value;
        }
    }

    /// <summary>Adds one and returns the value before the increment.</summary>
    public long Increment()
    {
        long before = Value;
        Value = before + 1;
        return before;
    }
}
