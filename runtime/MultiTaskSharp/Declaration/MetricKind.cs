using System;

// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>Evaluation metrics of a task; combine several with <c>|</c>.</summary>
[Flags]
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum MetricKind
{
    /// <summary>No metric besides the task loss.</summary>
    None = 0,

    /// <summary>Fraction of correct class predictions (arg-max over the class dimension; multi-label: per label at logit 0).</summary>
    Accuracy = 1,

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    MacroF1 = 2,

    /// <summary>Mean squared error.</summary>
    MeanSquaredError = 4,

    /// <summary>Mean absolute error.</summary>
    MeanAbsoluteError = 8,

    /// <summary>Mean over classes of intersection over union (segmentation or classification).</summary>
    MeanIoU = 16,
}
