// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>Built-in task losses. Each documents the prediction and target it expects.</summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum LossKind
{
    /// <summary>Mean squared error. Prediction and target: float, same shape.</summary>
    MeanSquaredError = 0,

    /// <summary>Mean absolute error (L1). Prediction and target: float, same shape.</summary>
    L1 = 1,

    /// <summary>Smooth L1 (Huber with β = 1). Prediction and target: float, same shape.</summary>
    SmoothL1 = 2,

    /// <summary>Cross-entropy over classes. Prediction: logits [N, C]. Target: class indices [N] (int64).</summary>
    CrossEntropy = 3,

    /// <summary>Per-pixel cross-entropy. Prediction: logits [N, C, H, W]. Target: class indices [N, H, W] (int64).</summary>
    PixelCrossEntropy = 4,

    /// <summary>Binary cross-entropy on logits (multi-label). Prediction: logits [N, K]. Target: 0/1 floats [N, K].</summary>
    BinaryCrossEntropyWithLogits = 5,
}
