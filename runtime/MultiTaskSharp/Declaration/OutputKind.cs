// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>
/// What a task head predicts, which decides how its metrics read predictions and targets. Built-in losses
/// imply it; a head with a custom <c>LossMethod</c> states it with <c>[Head(..., Output = ...)]</c>.
/// </summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum OutputKind
{
    /// <summary>Real values; prediction and target have the same shape. Metrics: mean squared and absolute error.</summary>
    Regression = 0,

    /// <summary>One class per example: logits [N, C], targets class indices [N] (int64).</summary>
    Classes = 1,

    /// <summary>One class per position: logits [N, C, *spatial], targets class indices [N, *spatial] (int64).</summary>
    Pixels = 2,

    /// <summary>Independent yes/no labels: logits [N, K], targets 0/1 floats [N, K]; a label is positive at logit &gt; 0.</summary>
    MultiLabel = 3,
}
