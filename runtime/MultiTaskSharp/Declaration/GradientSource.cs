// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>With respect to what a gradient-based weighting strategy receives each task's gradient.</summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum GradientSource
{
    /// <summary>The shared parameters: one backward pass per task through the whole network.</summary>
    Parameters = 0,

    /// <summary>
    /// The shared representation (the trunk's output, or the shared experts' outputs): one backward pass per task
    /// through the task's own layers only, then one through the shared layers. Cheaper, and the "upper bound" of
    /// MGDA-UB; valid where every task reads the shared part through one tensor.
    /// </summary>
    Representation = 1,
}
