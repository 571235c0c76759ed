using TorchSharp;
using static TorchSharp.torch;

namespace Distributed;

/// <summary>
/// A fixed synthetic data set for the models of <see cref="HardSharingModel"/>'s file: Value is a smooth function of
/// the features, Kind a 3-way split of another; about a quarter of each task's labels are missing (NaN for Value,
/// class −1 for Kind), drawn independently, so some batches and some processes' shares lack a task.
/// </summary>
public sealed record SyntheticData(Tensor X, Tensor Value, Tensor Kind)
{
    public static SyntheticData Create(int examples, long seed, bool missing = true)
    {
        using var generator = new torch.Generator((ulong)seed);
        var x = randn([examples, 8], generator: generator);
        var value = (x.narrow(1, 0, 4).sum(1, keepdim: true) * 0.5 + x.narrow(1, 4, 1).sin()).detach();
        var score = x.narrow(1, 5, 3).sum(1);
        var kind = (score.gt(0.6).to_type(ScalarType.Int64) + score.gt(-0.6).to_type(ScalarType.Int64)).detach();
        if (missing)
        {
            value = value.masked_fill(rand([examples, 1], generator: generator).lt(0.25), double.NaN);
            kind = kind.masked_fill(rand([examples], generator: generator).lt(0.25), -1);
        }
        return new SyntheticData(x.DetachFromDisposeScope(), value.DetachFromDisposeScope(), kind.DetachFromDisposeScope());
    }
}
