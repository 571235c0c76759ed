using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp;

/// <summary>
/// A strategy's small bookkeeping state that the host reads every step (step counters, epoch loss histories, the
/// previous solution of a solver), kept in CPU buffers of this submodule so that <c>state_dict</c>, <c>save</c>,
/// <c>load</c> and checkpoints include it.
/// </summary>
/// <remarks>
/// The module never moves: <c>model.to(device)</c> (and <c>to(dtype)</c>) leave its buffers on the CPU in their own
/// types. Reading them is a memory read, not a device synchronisation, so a strategy can consult its counters on every
/// step even when the model trains on a GPU; and because nothing is mirrored in fields, a <c>load</c> into the buffers is
/// seen at once. Loading copies values in place, across devices, so checkpoints move freely between CPU and GPU models.
/// </remarks>
internal sealed class HostState : nn.Module
{
    /// <summary>The submodule name under which a strategy registers its host state.</summary>
    public const string SubmoduleName = "host";

    public HostState() : base(nameof(HostState))
    {
    }

    /// <summary>Registers a counter (a one-element int64 buffer) starting at 0.</summary>
    public HostCounter Counter(string name)
    {
        var value = zeros(1, dtype: ScalarType.Int64).DetachFromDisposeScope();
        register_buffer(name, value);
        return new HostCounter(value);
    }

    /// <summary>Registers a float64 vector buffer holding <paramref name="initial"/>.</summary>
    public HostVector Vector(string name, double[] initial)
    {
        var value = tensor(initial, dtype: ScalarType.Float64).DetachFromDisposeScope();
        register_buffer(name, value);
        return new HostVector(value);
    }

    // The three ways a module moves or converts; each leaves this one where it is.
    protected override nn.Module _to(Device device, ScalarType dtype, bool non_blocking) => this;

    protected override nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking) => this;

    protected override nn.Module _to(ScalarType dtype, bool non_blocking) => this;
}
