using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTaskSharp.Generated;

/// <summary>What a recurrent trunk passes on (see <see cref="RecurrentOutput"/>), for LSTM and GRU/RNN results.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecurrentOutputs
{
    /// <summary>An LSTM's (output, h_n, c_n) reduced as <paramref name="passes"/> says.</summary>
    public static Tensor Pass((Tensor Output, Tensor Hidden, Tensor Cell) result, RecurrentOutput passes, bool batchFirst, bool bidirectional)
        => Pass(result.Output, result.Hidden, passes, batchFirst, bidirectional);

    /// <summary>A GRU's or RNN's (output, h_n) reduced as <paramref name="passes"/> says.</summary>
    public static Tensor Pass((Tensor Output, Tensor Hidden) result, RecurrentOutput passes, bool batchFirst, bool bidirectional)
        => Pass(result.Output, result.Hidden, passes, batchFirst, bidirectional);

    private static Tensor Pass(Tensor output, Tensor hidden, RecurrentOutput passes, bool batchFirst, bool bidirectional) => passes switch
    {
        RecurrentOutput.AllSteps => output,
        RecurrentOutput.LastStep => output.select(batchFirst ? 1 : 0, -1),
        // h_n is [layers × directions, N, H]: the last layer's directions are its last rows.
        _ => bidirectional ? cat([hidden[-2], hidden[-1]], 1) : hidden[-1],
    };
}
