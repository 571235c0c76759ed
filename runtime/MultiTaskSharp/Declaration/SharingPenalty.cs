// Shared source: compiled into the runtime (public, namespace MultiTaskSharp) and linked into the generator
// (internal, its model namespace), so the generator reads attribute arguments with the runtime's own values.
#if MULTITASKSHARP_GENERATOR
namespace MultiTaskSharp.Generator.Model;
#else
namespace MultiTaskSharp;
#endif

/// <summary>How <c>[SoftSharing]</c> ties the parameters of task towers of identical structure.</summary>
#if MULTITASKSHARP_GENERATOR
internal
#else
public
#endif
enum SharingPenalty
{
    /// <summary>
    /// Squared L2 distance between corresponding parameters, summed over every pair of tied towers:
    /// <c>Σ_p Σ_{i&lt;j} ‖W_i^p − W_j^p‖²</c> (Duong et al., ACL 2015).
    /// </summary>
    SquaredL2 = 0,

    /// <summary>
    /// Trace (nuclear) norm of each parameter stacked over the tied towers, one row per tower:
    /// <c>Σ_p ‖[vec W_1^p; …; vec W_T^p]‖_*</c> (Yang &amp; Hospedales, ICLR 2017 workshop).
    /// </summary>
    TraceNorm = 1,
}
