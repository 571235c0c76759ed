// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>What an <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> field declared as the trunk passes on to the tasks.</summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum RecurrentOutput
{
    /// <summary>The output of the last time step: [N, H] (H doubled when bidirectional).</summary>
    LastStep = 0,

    /// <summary>The output of every time step: [N, L, H] with batchFirst, else [L, N, H].</summary>
    AllSteps = 1,

    /// <summary>The last layer's final hidden state: [N, H] (both directions concatenated when bidirectional).</summary>
    FinalHidden = 2,
}
