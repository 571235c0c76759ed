using TorchSharp;
using static TorchSharp.torch;

namespace Topologies;

/// <summary>
/// Two related "teacher" networks that label the data of two tasks: h_t = tanh(M_t·x), with M_t = M + δ·E_t around a
/// shared M (rows of norm ≈ 1), so both tasks read nearly the same latent features of x. <see cref="Relatedness"/> δ
/// sets how far apart the tasks are (0: identical features).
/// </summary>
public sealed class RelatedTeachers
{
    private readonly Tensor _m1, _m2;

    private RelatedTeachers(Tensor m1, Tensor m2, double relatedness) => (_m1, _m2, Relatedness) = (m1, m2, relatedness);

    public double Relatedness { get; }

    /// <summary>Draws the shared matrix and both tasks' perturbations ([latent, inputs] each).</summary>
    public static RelatedTeachers Draw(Generator generator, int inputs, int latent, double relatedness, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        double scale = 1 / System.Math.Sqrt(inputs);
        var shared = randn(latent, inputs, generator: generator) * scale;
        var m1 = shared + relatedness * randn(latent, inputs, generator: generator) * scale;
        var m2 = shared + relatedness * randn(latent, inputs, generator: generator) * scale;
        return new RelatedTeachers(owner.Keep(m1), owner.Keep(m2), relatedness);
    }

    /// <summary>The first task's latent features of <paramref name="x"/>, [N, latent].</summary>
    public Tensor First(Tensor x) => tanh(x.matmul(_m1.t()));

    /// <summary>The second task's latent features of <paramref name="x"/>, [N, latent].</summary>
    public Tensor Second(Tensor x) => tanh(x.matmul(_m2.t()));
}
