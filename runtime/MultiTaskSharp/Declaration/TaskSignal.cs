// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>What a task passes to another task's tower or head through <c>[TaskInput]</c>.</summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum TaskSignal
{
    /// <summary>
    /// The task's head output as the head produces it, before any decoding: for a classification, per-pixel or
    /// multi-label head, raw logits (not probabilities; apply <c>softmax</c> or <c>sigmoid</c> in the reading layer to
    /// pass probabilities), for a regression head its values.
    /// </summary>
    Output = 0,

    /// <summary>The task's hidden features: its tower's output (the task needs a <c>[Tower]</c>).</summary>
    Hidden = 1,
}
