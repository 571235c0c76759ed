
namespace MultiTaskSharp;

/// <summary>
/// Impartial multi-task learning, gradient part (IMTL-G): the shared part moves along <c>d = Σ α_t g_t</c> with
/// <c>Σ α_t = 1</c> chosen so that d has the same projection onto every task's unit gradient, treating the tasks
/// impartially whatever their gradients' magnitudes.
/// </summary>
/// <remarks>
/// <para>Paper: Liyang Liu, Yi Li, Zhanghui Kuang, Jing-Hao Xue, Yimin Chen, Wenming Yang, Qingmin Liao and Wayne Zhang,
/// "Towards Impartial Multi-task Learning", ICLR 2021.</para>
/// <para>Solver: <see cref="ImtlGSolver"/> (the paper's closed form, solved in a task-symmetric form that also covers
/// dependent gradients). IMTL-L (learned loss scales) and the paper's hybrid are not part of this strategy; LibMTL's
/// <c>IMTL</c> is the hybrid.</para>
/// <para>Defined on representation gradients too (the paper applies it to the shared features' gradients). Tasks a
/// batch did not label get coefficient 0. No state. Cost per step: one backward pass per present task (through the
/// task's own layers only, with representation gradients), the Gram matrix and one copy of it to the host.</para>
/// </remarks>
[SupportsRepresentationGradients]
public class IMTLG : GradientWeighting
{
    /// <summary>Creates IMTL-G.</summary>
    public IMTLG() : base(nameof(IMTLG))
    {
    }

    /// <inheritdoc />
    protected override GradientUpdate Solve(PresentTasks tasks) => ImtlGSolver.Solve(tasks.GramMatrix);
}
