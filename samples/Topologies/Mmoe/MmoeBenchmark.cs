using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Topologies.Mmoe;

/// <summary>
/// How the sinusoids' parameters α_k, β_k of the benchmark are chosen. The paper calls them "given parameters" without
/// values (Google Research's public generator for this benchmark says so too and picks its own), so each choice is ours.
/// </summary>
public enum SinusoidParameters
{
    /// <summary>
    /// α_k, β_k drawn from N(0, 0.01) (σ = 0.1): sin(α·z + β) ≈ α·z + β, so both labels are nearly linear in x and every
    /// model reaches the noise floor at every correlation (the benchmark saturates).
    /// </summary>
    Small,

    /// <summary>α_k, β_k drawn from N(0, 1): clearly nonlinear labels that the models learn well but not perfectly (default).</summary>
    Unit,

    /// <summary>
    /// α_k = k, β_k = (k − 1)², k = 1…m (Google Research's generator): frequencies up to 10, which these small models do
    /// not learn beyond the linear part.
    /// </summary>
    Spread,
}

/// <summary>
/// The synthetic benchmark of Ma et al., "Modeling Task Relationships in Multi-task Learning with Multi-gate
/// Mixture-of-Experts" (KDD 2018), §3.2: two regression tasks whose weight vectors have cosine similarity p.
/// <list type="number">
/// <item>Orthonormal u₁, u₂ ∈ R^d (from the QR decomposition of a d×2 Gaussian matrix).</item>
/// <item>w₁ = c·u₁, w₂ = c·(p·u₁ + √(1 − p²)·u₂).</item>
/// <item>x ~ N(0, I_d).</item>
/// <item>y_i = w_iᵀx + Σ_{k=1..m} sin(α_k·w_iᵀx + β_k) + ε_i, ε_i ~ N(0, 0.01) (σ = 0.1).</item>
/// </list>
/// One draw of u₁, u₂, α, β, x and ε serves every correlation p, so the correlations differ in w₂ alone.
/// </summary>
public sealed class MmoeBenchmark
{
    /// <summary>d, the input dimension (the paper's).</summary>
    public const int Dimension = 100;

    /// <summary>m, the number of sinusoids, and c, the scale of the weight vectors.</summary>
    public const int SinusoidCount = 10;
    public const double Scale = 1.0;

    /// <summary>The standard deviation of ε: N(0, 0.01) read as a variance.</summary>
    public const double NoiseStd = 0.1;

    private readonly Tensor _u1, _u2, _alpha, _beta, _noiseTrain, _noiseTest;

    private MmoeBenchmark(Tensor u1, Tensor u2, Tensor alpha, Tensor beta, Tensor trainX, Tensor testX, Tensor noiseTrain, Tensor noiseTest)
        => (_u1, _u2, _alpha, _beta, TrainX, TestX, _noiseTrain, _noiseTest) = (u1, u2, alpha, beta, trainX, testX, noiseTrain, noiseTest);

    public Tensor TrainX { get; }

    public Tensor TestX { get; }

    /// <summary>Draws the directions, the sinusoids' parameters, the inputs and the noise of one seed.</summary>
    public static MmoeBenchmark Draw(int seed, int trainCount, int testCount, SinusoidParameters sinusoids, TensorOwner owner)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var (q, _) = linalg.qr(randn(Dimension, 2, dtype: float64, generator: generator));
        var (alpha, beta) = sinusoids switch
        {
            SinusoidParameters.Small => (0.1 * randn(SinusoidCount, dtype: float64, generator: generator), 0.1 * randn(SinusoidCount, dtype: float64, generator: generator)),
            SinusoidParameters.Unit => (randn(SinusoidCount, dtype: float64, generator: generator), randn(SinusoidCount, dtype: float64, generator: generator)),
            SinusoidParameters.Spread => (arange(1, SinusoidCount + 1, dtype: float64), arange(SinusoidCount, dtype: float64).square()),
            _ => throw new ArgumentOutOfRangeException(nameof(sinusoids), sinusoids, "Unknown choice of sinusoid parameters."),
        };
        var trainX = randn(trainCount, Dimension, dtype: float64, generator: generator);
        var testX = randn(testCount, Dimension, dtype: float64, generator: generator);
        var noiseTrain = NoiseStd * randn(trainCount, 2, dtype: float64, generator: generator);
        var noiseTest = NoiseStd * randn(testCount, 2, dtype: float64, generator: generator);
        return new MmoeBenchmark(
            owner.Keep(q[.., 0].contiguous()), owner.Keep(q[.., 1].contiguous()), owner.Keep(alpha), owner.Keep(beta),
            owner.Keep(trainX.to_type(float32)), owner.Keep(testX.to_type(float32)), owner.Keep(noiseTrain), owner.Keep(noiseTest));
    }

    /// <summary>The labels for weight vectors of cosine similarity <paramref name="correlation"/>: [N, 1] each, float32.</summary>
    public (Tensor TrainY1, Tensor TrainY2, Tensor TestY1, Tensor TestY2) Labels(double correlation, TensorOwner owner)
    {
        if (correlation is < -1 or > 1)
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The cosine similarity p must be in [-1, 1].");
        using var scope = NewDisposeScope();
        var w1 = Scale * _u1;
        var w2 = Scale * (correlation * _u1 + Math.Sqrt(1 - correlation * correlation) * _u2);
        Tensor Label(Tensor x, Tensor w, Tensor noise)
        {
            var projection = x.to_type(float64).matmul(w).unsqueeze(1);                          // [N, 1]
            var waves = sin(projection * _alpha + _beta).sum(1, keepdim: true);                    // [N, 1]
            return owner.Keep((projection + waves + noise).to_type(float32));
        }
        return (Label(TrainX, w1, _noiseTrain[.., 0..1]), Label(TrainX, w2, _noiseTrain[.., 1..2]),
                Label(TestX, w1, _noiseTest[.., 0..1]), Label(TestX, w2, _noiseTest[.., 1..2]));
    }
}
