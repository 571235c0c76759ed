namespace MultiTaskSharp;

/// <summary>
/// How MGDA rescales each task gradient before the min-norm problem (Sener &amp; Koltun's official code,
/// <c>gradient_normalizers</c>; the paper does not use it). The gradient <c>g_t</c> is divided by <c>n_t</c>:
/// </summary>
public enum MgdaGradientNormalization
{
    /// <summary><c>n_t = 1</c>: the gradients as they are (the paper).</summary>
    None,

    /// <summary><c>n_t = ‖g_t‖</c>: unit gradients.</summary>
    L2,

    /// <summary><c>n_t = L_t</c>: the gradient of <c>log L_t</c>.</summary>
    Loss,

    /// <summary><c>n_t = L_t·‖g_t‖</c>.</summary>
    LossPlus,
}
